//! What the language knows of std, futures, gloo-timers and wasm-bindgen-futures by name: the
//! built-in functions ([`B`]), types ([`BTy`]), and the paths that reach them.

use super::lexer::{FloatTy, IntTy};
use super::value::{ty, TyId};

macro_rules! builtins {
    ($($name:ident),* $(,)?) => {
        /// A built-in function.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u16)]
        #[allow(missing_docs)]
        pub enum B { $($name),* }

        impl B {
            /// Every built-in, in id order.
            pub const ALL: &'static [B] = &[$(B::$name),*];

            /// The built-in with id `id`.
            pub fn from_id(id: u16) -> Option<B> {
                B::ALL.get(usize::from(id)).copied()
            }
        }
    };
}

builtins! {
    // The playground's prelude.
    Sleep, Spawn, YieldNow, Spin, Drop, LostWaker, StaleWaker, WakeByRefThenPending, TimerFutureNew,
    // Time.
    DurFromMillis, DurFromSecs, DurNew, DurFromMicros, DurFromNanos, DurZero, DurMax, InstantNow, DurFromSecsF64,
    // Collections and strings.
    VecNew, VecWithCapacity, DequeNew, DequeWithCapacity, DequeFrom, StringNew, StringFrom, StringWithCapacity, MapNew, MapFrom,
    MapWithCapacity, OrdMapNew, OrdMapFrom, SetNew, SetWithCapacity, SetFrom, OrdSetNew, OrdSetFrom,
    HeapNew, HeapWithCapacity, HeapFrom, SharedTryUnwrap, CharFrom,
    // Pointers and cells.
    BoxNew, BoxPin, RcNew, ArcNew, SharedClone, StrongCount, PtrEq, Downgrade, CellNew, RefCellNew, MutexNew,
    RwLockNew, PinNew, AtomicNew, WeakNew, WeakCount, SharedGetMut, SharedMakeMut,
    // Futures and tasks.
    PollFn, FutReady, FutPending, CtxFromWaker, WakerNoop, SpawnLocal, TimeoutNew, IntervalNew, JoinAll, FutJoin, FutJoin3,
    FutSelect,
    TimeoutFutureNew, GlooSleep,
    // Constructors.
    Some, Ok, Err, PollReady,
    // std::mem and std::cmp.
    MemReplace, MemTake, MemSwap, CmpMax, CmpMin,
    // Conversions and defaults.
    Default, DefaultOfType, CharFromU32, CharTryFrom, CharFromDigit, StringFromUtf8, StringFromUtf8Lossy, StrFromUtf8, DefaultOf,
    // std::iter's sources.
    IterRepeat, IterOnce, IterEmpty, IterSuccessors, IterFromFn, IterRepeatWith,
    // `Trait::method(x, …)` on a receiver, resolved at run time.
    Ufcs,
    // Integer type associated functions (`u64::MAX` is a constant; these are functions).
    IntMax, IntMin,
    // Threads, channels, the learner's own wakers.
    ThreadSpawn, ThreadSleep, Channel, SyncChannel, WakerRef, WakerFrom, BlockOn, ThreadCurrent, CondvarNew, BarrierNew, ThreadPark, ThreadParkTimeout, ThreadBuilder, Stdout, OnceLockNew, OnceCellNew, ThreadYield, CowFrom, RefMap,
    // Raw wakers and the pointers they carry.
    PtrNull, ArcIntoRaw, ArcFromRaw, ArcIncStrong, ArcDecStrong, MemForget, ManuallyDropNew, RawWakerNew, RawWakerVTableNew,
    WakerFromRaw,
    // `thread::scope(|s| …)`, compiled as a call of its closure with a new scope, then the wait
    // for the scope's threads.
    ThreadScope, ScopeNew, ScopeJoin,
    // `Pin::new_unchecked` and the other unsafe ways in and out of a pin.
    PinUnchecked,
    // What `.await` calls first in a program that implements `IntoFuture`.
    IntoFuture,
    // `std::any`, of a value: its `TypeId`, its type's name.
    TypeNameOfVal, AnyKeyOf, TypeIdOfKey, TypeNameOfKey,
    // `std::ptr::eq(a, b)`: the same place.
    PtrEqRefs,
    // `x.downcast_ref::<T>()` (and its kin) where an argument's value tells `T`: the receiver,
    // that value's key (`AnyKeyOf`), the method's name.
    DowncastLike,
}

impl B {
    /// Whether a program that calls it can block a thread.
    pub fn may_block(self) -> bool {
        use B::*;
        matches!(
            self,
            ThreadSpawn
                | ThreadScope
                | ThreadBuilder
                | ThreadSleep
                | ThreadPark
                | ThreadParkTimeout
                | ThreadYield
                | Channel
                | SyncChannel
                | CondvarNew
                | BarrierNew
                | BlockOn
        )
    }

    /// How many arguments it takes (`None`: any number).
    pub fn arity(self) -> Option<usize> {
        use B::*;
        Option::Some(match self {
            YieldNow | LostWaker | StaleWaker | WakeByRefThenPending | InstantNow | VecNew | DequeNew | StringNew | MapNew | FutPending
            | OrdMapNew | SetNew | OrdSetNew | HeapNew | WakerNoop | DurZero | DurMax | Default | IntMax | IntMin | Channel
            | ThreadCurrent | CondvarNew | ThreadPark | ThreadBuilder | Stdout | PtrNull | WeakNew | IterEmpty | ScopeNew | OnceLockNew
            | OnceCellNew | ThreadYield => 0,
            Sleep | Spawn | Spin | Drop | TimerFutureNew | DurFromMillis | DurFromSecs | DurFromSecsF64 | DurFromMicros | DurFromNanos
            | VecWithCapacity | DequeWithCapacity | DequeFrom | MapFrom | MapWithCapacity | OrdMapFrom | SetWithCapacity | SetFrom
            | OrdSetFrom | HeapWithCapacity | HeapFrom | SharedTryUnwrap | CharFrom | SyncChannel | WakerRef | WakerFrom | BlockOn
            | StringFrom | StringWithCapacity | BoxNew | BoxPin | RcNew | ArcNew | SharedClone | StrongCount | WeakCount | Downgrade
            | SharedGetMut | SharedMakeMut | CellNew | RefCellNew | MutexNew | RwLockNew | PinNew | AtomicNew | PollFn | JoinAll
            | FutReady | CtxFromWaker | BarrierNew | SpawnLocal | TimeoutFutureNew | GlooSleep | Some | Ok | Err | PollReady | MemTake
            | CharFromU32 | CharTryFrom | StringFromUtf8 | StringFromUtf8Lossy | StrFromUtf8 | ThreadSpawn | ThreadSleep | ArcIntoRaw
            | ArcFromRaw | ArcIncStrong | ArcDecStrong | ThreadParkTimeout | MemForget | ManuallyDropNew | WakerFromRaw | IterRepeat
            | IterOnce | IterFromFn | IterRepeatWith | DefaultOfType | ThreadScope | ScopeJoin | IntoFuture | PinUnchecked | CowFrom
            | TypeNameOfVal | AnyKeyOf | TypeIdOfKey | TypeNameOfKey => 1,
            RawWakerNew | RefMap | DefaultOf => 2,
            RawWakerVTableNew => 4,
            DowncastLike => 3,
            DurNew | PtrEq | PtrEqRefs | TimeoutNew | IntervalNew | MemReplace | MemSwap | CmpMax | CmpMin | CharFromDigit
            | IterSuccessors | FutJoin | FutSelect => 2,
            FutJoin3 => 3,
            Ufcs => return None,
        })
    }

    /// How Rust spells it, for messages.
    pub fn rust_name(self) -> &'static str {
        use B::*;
        match self {
            Sleep => "sleep",
            Spawn => "spawn",
            YieldNow => "yield_now",
            Spin => "spin",
            Drop => "drop",
            LostWaker => "lost_waker",
            StaleWaker => "stale_waker",
            WakeByRefThenPending => "wake_by_ref_then_pending",
            TimerFutureNew => "TimerFuture::new",
            DurFromMillis => "Duration::from_millis",
            DurFromSecs => "Duration::from_secs",
            DurFromSecsF64 => "Duration::from_secs_f64",
            DurNew => "Duration::new",
            DurFromMicros => "Duration::from_micros",
            DurFromNanos => "Duration::from_nanos",
            DurZero => "Duration::ZERO",
            DurMax => "Duration::MAX",
            InstantNow => "Instant::now",
            VecNew => "Vec::new",
            VecWithCapacity => "Vec::with_capacity",
            DequeNew => "VecDeque::new",
            DequeWithCapacity => "VecDeque::with_capacity",
            DequeFrom => "VecDeque::from",
            StringNew => "String::new",
            StringFrom => "String::from",
            StringWithCapacity => "String::with_capacity",
            MapNew => "HashMap::new",
            MapFrom => "HashMap::from",
            MapWithCapacity => "HashMap::with_capacity",
            OrdMapNew => "BTreeMap::new",
            OrdMapFrom => "BTreeMap::from",
            SetNew => "HashSet::new",
            SetWithCapacity => "HashSet::with_capacity",
            SetFrom => "HashSet::from",
            OrdSetNew => "BTreeSet::new",
            OrdSetFrom => "BTreeSet::from",
            HeapNew => "BinaryHeap::new",
            HeapWithCapacity => "BinaryHeap::with_capacity",
            HeapFrom => "BinaryHeap::from",
            SharedTryUnwrap => "Rc::try_unwrap",
            CharFrom => "char::from",
            BoxNew => "Box::new",
            BoxPin => "Box::pin",
            RcNew => "Rc::new",
            ArcNew => "Arc::new",
            SharedClone => "Arc::clone",
            StrongCount => "Arc::strong_count",
            PtrEq => "Arc::ptr_eq",
            Downgrade => "Rc::downgrade",
            WeakNew => "Weak::new",
            WeakCount => "Rc::weak_count",
            SharedGetMut => "Rc::get_mut",
            SharedMakeMut => "Rc::make_mut",
            CellNew => "Cell::new",
            RefCellNew => "RefCell::new",
            MutexNew => "Mutex::new",
            RwLockNew => "RwLock::new",
            PinNew => "Pin::new",
            AtomicNew => "AtomicUsize::new",
            PollFn => "poll_fn",
            JoinAll => "join_all",
            FutJoin => "futures::future::join",
            FutJoin3 => "futures::future::join3",
            FutSelect => "futures::future::select",
            FutReady => "std::future::ready",
            FutPending => "std::future::pending",
            CtxFromWaker => "Context::from_waker",
            WakerNoop => "Waker::noop",
            SpawnLocal => "spawn_local",
            TimeoutNew => "Timeout::new",
            IntervalNew => "Interval::new",
            TimeoutFutureNew => "TimeoutFuture::new",
            GlooSleep => "gloo_timers::future::sleep",
            Some => "Some",
            Ok => "Ok",
            Err => "Err",
            PollReady => "Poll::Ready",
            MemReplace => "std::mem::replace",
            MemTake => "std::mem::take",
            MemSwap => "std::mem::swap",
            CmpMax => "std::cmp::max",
            CmpMin => "std::cmp::min",
            Default | DefaultOfType => "Default::default",
            CharFromU32 => "char::from_u32",
            CharTryFrom => "char::try_from",
            CharFromDigit => "char::from_digit",
            IterRepeat => "std::iter::repeat",
            IterOnce => "std::iter::once",
            IterEmpty => "std::iter::empty",
            IterSuccessors => "std::iter::successors",
            IterFromFn => "std::iter::from_fn",
            IterRepeatWith => "std::iter::repeat_with",
            StringFromUtf8 => "String::from_utf8",
            StringFromUtf8Lossy => "String::from_utf8_lossy",
            StrFromUtf8 => "std::str::from_utf8",
            DefaultOf => "T::default",
            Ufcs => "a trait method",
            IntMax => "max_value",
            IntMin => "min_value",
            ThreadSpawn => "std::thread::spawn",
            Channel => "std::sync::mpsc::channel",
            SyncChannel => "std::sync::mpsc::sync_channel",
            WakerRef => "futures::task::waker_ref",
            WakerFrom => "Waker::from",
            BlockOn => "futures::executor::block_on",
            ThreadCurrent => "std::thread::current",
            ThreadBuilder => "std::thread::Builder::new",
            Stdout => "std::io::stdout",
            CondvarNew => "Condvar::new",
            BarrierNew => "Barrier::new",
            OnceLockNew => "OnceLock::new",
            OnceCellNew => "OnceCell::new",
            ThreadYield => "std::thread::yield_now",
            CowFrom => "Cow::from",
            RefMap => "Ref::map",
            ThreadPark => "std::thread::park",
            ThreadParkTimeout => "std::thread::park_timeout",
            ThreadSleep => "std::thread::sleep",
            PtrNull => "std::ptr::null",
            ArcIntoRaw => "Arc::into_raw",
            ArcFromRaw => "Arc::from_raw",
            ArcIncStrong => "Arc::increment_strong_count",
            ArcDecStrong => "Arc::decrement_strong_count",
            MemForget => "std::mem::forget",
            ManuallyDropNew => "ManuallyDrop::new",
            RawWakerNew => "RawWaker::new",
            RawWakerVTableNew => "RawWakerVTable::new",
            WakerFromRaw => "Waker::from_raw",
            ThreadScope | ScopeNew | ScopeJoin => "std::thread::scope",
            IntoFuture => "IntoFuture::into_future",
            PinUnchecked => "Pin::new_unchecked",
            TypeIdOfKey => "TypeId::of",
            AnyKeyOf | TypeNameOfKey => "std::any::type_name",
            TypeNameOfVal => "std::any::type_name_of_val",
            PtrEqRefs => "std::ptr::eq",
            DowncastLike => "downcast_ref",
        }
    }
}

/// A built-in type, as paths name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum BTy {
    Duration,
    Instant,
    Vec,
    VecDeque,
    String,
    Str,
    Box,
    Rc,
    Arc,
    Weak,
    Cell,
    RefCell,
    Mutex,
    RwLock,
    Option,
    Result,
    Poll,
    Pin,
    Context,
    Waker,
    HashMap,
    BTreeMap,
    HashSet,
    BTreeSet,
    BinaryHeap,
    CmpOrdering,
    AtomicOrdering,
    Atomic(Option<IntTy>),
    Int(IntTy),
    Float(FloatTy),
    Char,
    Bool,
    TimerFuture,
    Timeout,
    Interval,
    TimeoutFuture,
    Formatter,
    /// A type that is only ever written, never constructed by path (`MutexGuard`, `BoxFuture`).
    Marker(&'static str),
    /// One of `mpsc`'s error types, by its type id.
    ChanError(TyId),
    /// `std::borrow::Cow`.
    Cow,
    /// `futures::future::Either`.
    Either,
    /// `std::sync::Condvar`.
    Condvar,
    /// `std::sync::Barrier`.
    Barrier,
    /// `std::sync::OnceLock` (`true`) and `std::cell::OnceCell`.
    Once(bool),
    /// `std::task::RawWaker`.
    RawWaker,
    /// `std::task::RawWakerVTable`.
    RawWakerVTable,
    /// `std::mem::ManuallyDrop`.
    ManuallyDrop,
}

/// What a path names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Known {
    /// A built-in function.
    Fn(B),
    /// A built-in type.
    Type(BTy),
    /// A module (`std::thread`, `std::fmt`): its full path.
    Module(&'static str),
    /// A variant of a built-in enum (`None`, `Poll::Pending`, `Ordering::Less`): type, variant,
    /// whether it takes fields.
    Variant(TyId, u32, bool),
    /// A trait.
    Trait(&'static str),
    /// A macro (`std::pin::pin`).
    Macro,
    /// An integer constant (`u64::MAX`).
    Int(i128, IntTy),
    /// An atomic memory ordering (`Ordering::SeqCst`): the playground runs one thread at a
    /// time, so all are alike.
    MemOrdering,
    /// A marker of no size written as a value (`PhantomData`, `PhantomPinned`): `()` here.
    Marker,
    /// `u64::from(x)` (lossless, so a cast) or `u8::try_from(x)` (`true`: checked, a `Result`).
    IntConv(IntTy, bool),
    /// A tuple struct of std's (`std::cmp::Reverse`): its type and how many fields it has.
    TupleStruct(TyId, usize),
    /// `AtomicI32::new(v)`: an atomic of that integer type (`None`: `AtomicBool`).
    AtomicNew(Option<IntTy>),
    /// `u8::from_str(s)` (`s.parse::<u8>()`) or `i32::from_str_radix(s, radix)` (`true`).
    IntParse(IntTy, bool),
    /// `std::mem::size_of::<T>()`, or `size_of_val(&x)` (`true`): a size known before running.
    SizeOf(bool),
    /// `std::any::TypeId::of::<T>()`, `std::any::type_name::<T>()` and
    /// `std::any::type_name_of_val(&x)`.
    AnyType(AnyOp),
    /// `u32::from_le_bytes(b)` (or `from_ne_bytes`: the machine's order is little-endian) and
    /// `from_be_bytes` (`true`).
    IntFromBytes(IntTy, bool),
    /// `f64::MAX`, `std::f64::consts::PI`: a float constant, by name.
    FloatConst(FloatTy, &'static str),
    /// `f64::from(x)`: lossless, so a cast.
    FloatConv(FloatTy),
    /// `char::MAX` and the other `char` constants.
    Char(char),
    /// `f64::sqrt`, `i32::abs`, `u64::pow`: a primitive's method called as a function (its
    /// first argument is the receiver), and how many arguments it takes, receiver included.
    PrimMethod(&'static str, usize),
}

/// What a path of `std::any` asks of a type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnyOp {
    /// `TypeId::of::<T>()`.
    IdOf,
    /// `type_name::<T>()`.
    NameOf,
    /// `type_name_of_val(&x)`.
    NameOfVal,
}

/// The float constants `f64::NAME` and `std::f64::consts::NAME` name.
pub const FLOAT_CONSTS: &[&str] = &[
    "MAX",
    "MIN",
    "MIN_POSITIVE",
    "EPSILON",
    "INFINITY",
    "NEG_INFINITY",
    "NAN",
    "PI",
    "TAU",
    "E",
    "SQRT_2",
    "FRAC_1_SQRT_2",
    "LN_2",
    "LN_10",
    "LOG2_E",
    "LOG10_E",
    "FRAC_PI_2",
    "FRAC_PI_3",
    "FRAC_PI_4",
    "FRAC_PI_6",
    "FRAC_1_PI",
    "FRAC_2_PI",
];

/// The methods of integers and floats a program may call through their type (`f64::max(a,
/// b)`, `.fold(0.0, f64::max)`, `i32::abs(x)`), with the arguments each takes, receiver included.
pub const PRIM_METHODS: &[(&str, usize)] = &[
    ("abs", 1),
    ("sqrt", 1),
    ("cbrt", 1),
    ("floor", 1),
    ("ceil", 1),
    ("round", 1),
    ("trunc", 1),
    ("fract", 1),
    ("signum", 1),
    ("recip", 1),
    ("exp", 1),
    ("exp2", 1),
    ("ln", 1),
    ("log10", 1),
    ("log2", 1),
    ("sin", 1),
    ("cos", 1),
    ("tan", 1),
    ("asin", 1),
    ("acos", 1),
    ("atan", 1),
    ("to_degrees", 1),
    ("to_radians", 1),
    ("is_nan", 1),
    ("is_finite", 1),
    ("to_string", 1),
    ("count_ones", 1),
    ("leading_zeros", 1),
    ("trailing_zeros", 1),
    ("is_power_of_two", 1),
    ("max", 2),
    ("min", 2),
    ("powf", 2),
    ("powi", 2),
    ("pow", 2),
    ("atan2", 2),
    ("hypot", 2),
    ("log", 2),
    ("abs_diff", 2),
    ("rem_euclid", 2),
    ("div_euclid", 2),
    ("checked_add", 2),
    ("checked_sub", 2),
    ("checked_mul", 2),
    ("checked_div", 2),
    ("wrapping_add", 2),
    ("wrapping_sub", 2),
    ("wrapping_mul", 2),
    ("saturating_add", 2),
    ("saturating_sub", 2),
    ("saturating_mul", 2),
    ("total_cmp", 2),
    ("partial_cmp", 2),
    ("cmp", 2),
    ("copysign", 2),
    ("clamp", 3),
    ("mul_add", 3),
];

/// The crates a path may start with.
pub const CRATES: [&str; 6] = ["std", "core", "alloc", "futures", "gloo_timers", "wasm_bindgen_futures"];

/// What a full path names (`std::time::Duration`, `futures::task::ArcWake`).
pub fn std_path(segs: &[&str]) -> Result<Known, String> {
    let mut segs: Vec<&str> = segs.to_vec();
    if matches!(segs.first(), Some(&("core" | "alloc"))) {
        segs[0] = "std";
    }
    let joined = segs.join("::");
    let not_yet = |what: &str| Err(format!("`{joined}` is not in the playground yet{what}"));
    use Known::*;
    Ok(match joined.as_str() {
        "std" | "futures" | "gloo_timers" | "wasm_bindgen_futures" => Module(match segs[0] {
            "std" => "std",
            "futures" => "futures",
            "gloo_timers" => "gloo_timers",
            _ => "wasm_bindgen_futures",
        }),
        "std::time" => Module("std::time"),
        "std::time::Duration" => Type(BTy::Duration),
        "std::time::Instant" => Type(BTy::Instant),
        "std::future" | "futures::future" => Module("std::future"),
        "std::future::Future" | "futures::future::Future" | "futures::Future" => Trait("Future"),
        "std::future::IntoFuture" => Trait("IntoFuture"),
        "std::future::poll_fn" | "futures::future::poll_fn" => Fn(B::PollFn),
        "std::future::ready" | "futures::future::ready" => Fn(B::FutReady),
        "std::future::pending" | "futures::future::pending" => Fn(B::FutPending),
        "std::pin" => Module("std::pin"),
        "std::pin::Pin" => Type(BTy::Pin),
        "std::pin::pin" | "futures::pin_mut" | "std::task::ready" | "futures::ready" | "futures::task::ready" => Macro,
        "std::task" | "futures::task" => Module("std::task"),
        "std::task::Context" | "futures::task::Context" => Type(BTy::Context),
        "std::task::Poll" | "futures::task::Poll" => Type(BTy::Poll),
        "std::task::Waker" | "futures::task::Waker" => Type(BTy::Waker),
        "std::task::Wake" => Trait("Wake"),
        "futures::task::ArcWake" => Trait("ArcWake"),
        "futures::task::waker_ref" | "futures::task::waker" => Fn(B::WakerRef),
        "futures::task::WakerRef" => Type(BTy::Marker("WakerRef")),
        "std::task::RawWaker" => Type(BTy::RawWaker),
        "std::task::RawWakerVTable" => Type(BTy::RawWakerVTable),
        "std::ptr" => Module("std::ptr"),
        "std::ptr::null" | "std::ptr::null_mut" => Fn(B::PtrNull),
        "std::ptr::eq" => Fn(B::PtrEqRefs),
        "std::mem::forget" => Fn(B::MemForget),
        "std::mem::ManuallyDrop" => Type(BTy::ManuallyDrop),
        "std::sync" => Module("std::sync"),
        "std::sync::Arc" => Type(BTy::Arc),
        "std::sync::Weak" => Type(BTy::Weak),
        "std::sync::Mutex" => Type(BTy::Mutex),
        "std::sync::RwLock" => Type(BTy::RwLock),
        "std::sync::MutexGuard" => Type(BTy::Marker("MutexGuard")),
        "std::num" => Module("std::num"),
        "std::num::ParseIntError" => Type(BTy::Marker("ParseIntError")),
        "std::num::ParseFloatError" => Type(BTy::Marker("ParseFloatError")),
        "std::num::TryFromIntError" => Type(BTy::Marker("TryFromIntError")),
        "std::sync::atomic" => Module("std::sync::atomic"),
        "std::sync::atomic::Ordering" => Type(BTy::AtomicOrdering),
        "std::sync::atomic::AtomicBool" => Type(BTy::Atomic(None)),
        "std::sync::atomic::AtomicUsize" => Type(BTy::Atomic(Some(IntTy::Usize))),
        "std::sync::atomic::AtomicU64" => Type(BTy::Atomic(Some(IntTy::U64))),
        "std::sync::atomic::AtomicU32" => Type(BTy::Atomic(Some(IntTy::U32))),
        "std::sync::atomic::AtomicI32" => Type(BTy::Atomic(Some(IntTy::I32))),
        "std::sync::atomic::AtomicI64" => Type(BTy::Atomic(Some(IntTy::I64))),
        "std::sync::atomic::AtomicIsize" => Type(BTy::Atomic(Some(IntTy::Isize))),
        "std::sync::atomic::AtomicU8" => Type(BTy::Atomic(Some(IntTy::U8))),
        "std::sync::atomic::AtomicU16" => Type(BTy::Atomic(Some(IntTy::U16))),
        "std::sync::atomic::AtomicI8" => Type(BTy::Atomic(Some(IntTy::I8))),
        "std::sync::atomic::AtomicI16" => Type(BTy::Atomic(Some(IntTy::I16))),
        "std::sync::mpsc" => Module("std::sync::mpsc"),
        "std::sync::mpsc::channel" => Fn(B::Channel),
        "std::sync::mpsc::sync_channel" => Fn(B::SyncChannel),
        "std::sync::mpsc::Sender" => Type(BTy::Marker("Sender")),
        "std::sync::mpsc::SyncSender" => Type(BTy::Marker("SyncSender")),
        "std::sync::mpsc::Receiver" => Type(BTy::Marker("Receiver")),
        "std::sync::mpsc::SendError" => Type(BTy::ChanError(ty::SEND_ERROR)),
        "std::sync::mpsc::RecvError" => Type(BTy::ChanError(ty::RECV_ERROR)),
        "std::sync::mpsc::TrySendError" => Type(BTy::ChanError(ty::TRY_SEND_ERROR)),
        "std::sync::mpsc::TryRecvError" => Type(BTy::ChanError(ty::TRY_RECV_ERROR)),
        "std::sync::mpsc::RecvTimeoutError" => Type(BTy::ChanError(ty::RECV_TIMEOUT_ERROR)),
        "std::sync::Condvar" => Type(BTy::Condvar),
        "std::sync::Barrier" => Type(BTy::Barrier),
        "std::sync::WaitTimeoutResult" => Type(BTy::Marker("WaitTimeoutResult")),
        "std::sync::BarrierWaitResult" => Type(BTy::Marker("BarrierWaitResult")),
        "std::sync::OnceLock" => Type(BTy::Once(true)),
        "std::cell::OnceCell" => Type(BTy::Once(false)),
        "std::f64" | "std::f32" => Module(if segs[1] == "f64" { "std::f64" } else { "std::f32" }),
        "std::f64::consts" | "std::f32::consts" => Module(if segs[1] == "f64" { "std::f64::consts" } else { "std::f32::consts" }),
        _ if segs.len() >= 3 && matches!(segs[1], "f64" | "f32") && FLOAT_CONSTS.contains(segs.last().unwrap_or(&"")) => {
            let t = if segs[1] == "f64" { FloatTy::F64 } else { FloatTy::F32 };
            let name = FLOAT_CONSTS.iter().find(|c| Some(*c) == segs.last()).copied().unwrap_or("NAN");
            let consts = segs.len() == 4 && segs[2] == "consts";
            // `std::f64::consts::PI`; `std::f64::MAX` (the old spelling of `f64::MAX`).
            let math = !FLOAT_CONSTS[..7].contains(&name);
            if consts != math || (segs.len() == 4 && !consts) || segs.len() > 4 {
                return Err(format!("cannot find `{joined}` in the playground's std"));
            }
            FloatConst(t, name)
        }
        "std::char" => Module("std::char"),
        "std::char::from_digit" => Fn(B::CharFromDigit),
        "std::char::from_u32" => Fn(B::CharFromU32),
        "std::rc" => Module("std::rc"),
        "std::rc::Rc" => Type(BTy::Rc),
        "std::rc::Weak" => Type(BTy::Weak),
        "std::cell" => Module("std::cell"),
        "std::cell::Cell" => Type(BTy::Cell),
        "std::cell::RefCell" => Type(BTy::RefCell),
        "std::cell::Ref" | "std::cell::RefMut" => Type(BTy::Marker("Ref")),
        "std::collections" => Module("std::collections"),
        "std::collections::VecDeque" => Type(BTy::VecDeque),
        "std::collections::HashMap" => Type(BTy::HashMap),
        "std::collections::BTreeMap" => Type(BTy::BTreeMap),
        "std::collections::HashSet" => Type(BTy::HashSet),
        "std::collections::BTreeSet" => Type(BTy::BTreeSet),
        "std::collections::BinaryHeap" => Type(BTy::BinaryHeap),
        "std::vec" => Module("std::vec"),
        "std::vec::Vec" => Type(BTy::Vec),
        "std::string" => Module("std::string"),
        "std::string::String" => Type(BTy::String),
        "std::string::ToString" => Trait("ToString"),
        "std::str" => Module("std::str"),
        "std::str::FromStr" => Trait("FromStr"),
        "std::boxed" => Module("std::boxed"),
        "std::boxed::Box" => Type(BTy::Box),
        "std::option" => Module("std::option"),
        "std::option::Option" => Type(BTy::Option),
        "std::result" => Module("std::result"),
        "std::result::Result" => Type(BTy::Result),
        "std::mem" => Module("std::mem"),
        "std::mem::size_of" => SizeOf(false),
        "std::mem::size_of_val" => SizeOf(true),
        "std::mem::drop" => Fn(B::Drop),
        "std::mem::replace" => Fn(B::MemReplace),
        "std::mem::take" => Fn(B::MemTake),
        "std::any" => Module("std::any"),
        "std::any::Any" => Trait("Any"),
        "std::any::TypeId" => Type(BTy::Marker("TypeId")),
        "std::any::type_name" => AnyType(AnyOp::NameOf),
        "std::any::type_name_of_val" => AnyType(AnyOp::NameOfVal),
        "std::mem::swap" => Fn(B::MemSwap),
        "std::fmt" => Module("std::fmt"),
        "std::fmt::Display" => Trait("Display"),
        "std::error" => Module("std::error"),
        "std::error::Error" => Trait("Error"),
        "std::fmt::Debug" => Trait("Debug"),
        "std::fmt::Formatter" => Type(BTy::Formatter),
        "std::fmt::Result" => Type(BTy::Result),
        "std::fmt::Write" => Trait("Write"),
        "std::cmp" => Module("std::cmp"),
        "std::cmp::Ordering" => Type(BTy::CmpOrdering),
        "std::cmp::max" => Fn(B::CmpMax),
        "std::cmp::Reverse" => TupleStruct(ty::REVERSE, 1),
        "std::borrow" => Module("std::borrow"),
        "std::borrow::Cow" => Type(BTy::Cow),
        "std::cmp::min" => Fn(B::CmpMin),
        "std::cmp::PartialEq" | "std::cmp::Eq" | "std::cmp::PartialOrd" | "std::cmp::Ord" => Trait(match segs[2] {
            "PartialEq" => "PartialEq",
            "Eq" => "Eq",
            "PartialOrd" => "PartialOrd",
            _ => "Ord",
        }),
        "std::clone::Clone" => Trait("Clone"),
        "std::default::Default" => Trait("Default"),
        "std::marker::Unpin" => Trait("Unpin"),
        "std::marker::Send" => Trait("Send"),
        "std::marker::Sync" => Trait("Sync"),
        "std::marker::PhantomData" => Type(BTy::Marker("PhantomData")),
        "std::marker::PhantomPinned" => Type(BTy::Marker("PhantomPinned")),
        "std::ops::Drop" => Trait("Drop"),
        "std::ops" => Module("std::ops"),
        "std::ops::Add"
        | "std::ops::Sub"
        | "std::ops::Mul"
        | "std::ops::Div"
        | "std::ops::Rem"
        | "std::ops::Neg"
        | "std::ops::Not"
        | "std::ops::AddAssign"
        | "std::ops::SubAssign"
        | "std::ops::MulAssign"
        | "std::ops::BitAnd"
        | "std::ops::BitOr"
        | "std::ops::BitXor"
        | "std::ops::Shl"
        | "std::ops::Shr" => Trait("Operator"),
        "std::ops::Deref" | "std::ops::DerefMut" => Trait("Deref"),
        "std::ops::Index" | "std::ops::IndexMut" => Trait("Index"),
        "std::iter" => Module("std::iter"),
        "std::iter::Iterator" => Trait("Iterator"),
        "std::iter::DoubleEndedIterator" | "std::iter::ExactSizeIterator" | "std::iter::FusedIterator" | "std::iter::Extend" => {
            Trait("Marker")
        }
        "std::iter::Sum" => Trait("Sum"),
        "std::iter::Product" => Trait("Product"),
        "std::iter::repeat" => Fn(B::IterRepeat),
        "std::iter::once" => Fn(B::IterOnce),
        "std::iter::empty" => Fn(B::IterEmpty),
        "std::iter::successors" => Fn(B::IterSuccessors),
        "std::iter::from_fn" => Fn(B::IterFromFn),
        "std::iter::repeat_with" => Fn(B::IterRepeatWith),
        "std::convert::From" | "std::convert::Into" => Trait("From"),
        // Traits whose methods the playground's values have already (`as_ref`, `borrow`).
        "std::convert::AsRef" | "std::convert::AsMut" | "std::borrow::Borrow" | "std::borrow::BorrowMut" | "std::borrow::ToOwned" => {
            Trait("Marker")
        }
        "std::convert::TryFrom" => Trait("TryFrom"),
        "std::convert::TryInto" => Trait("TryInto"),
        "std::iter::FromIterator" => Trait("FromIterator"),
        "std::hash" => Module("std::hash"),
        "std::hash::Hash" => Trait("Hash"),
        "std::ops::Range" | "std::ops::RangeInclusive" => Type(BTy::Marker("Range")),
        "std::thread" => Module("std::thread"),
        "std::thread::spawn" => Fn(B::ThreadSpawn),
        "std::thread::scope" => Fn(B::ThreadScope),
        "std::thread::sleep" => Fn(B::ThreadSleep),
        "std::thread::current" => Fn(B::ThreadCurrent),
        "std::thread::Builder" => Type(BTy::Marker("Builder")),
        "std::thread::Builder::new" => Fn(B::ThreadBuilder),
        "std::thread::park" => Fn(B::ThreadPark),
        "std::thread::park_timeout" => Fn(B::ThreadParkTimeout),
        "std::thread::yield_now" | "std::hint::spin_loop" => Fn(B::ThreadYield),
        // A fence orders memory between threads; the playground's threads take turns on one
        // core, where every access is already in order: it lets its `Ordering` go.
        "std::sync::atomic::fence" | "std::sync::atomic::compiler_fence" => Fn(B::MemForget),
        "std::str::from_utf8" => Fn(B::StrFromUtf8),
        "std::hint" => Module("std::hint"),
        "std::thread::Thread" => Type(BTy::Marker("Thread")),
        "std::thread::ThreadId" => Type(BTy::Marker("ThreadId")),
        "std::thread::JoinHandle" => Type(BTy::Marker("JoinHandle")),
        "futures::future::FutureExt" | "futures::FutureExt" => Trait("FutureExt"),
        "futures::future::TryFutureExt" | "futures::TryFutureExt" => Trait("TryFutureExt"),
        "futures::future::BoxFuture" | "futures::future::LocalBoxFuture" => Type(BTy::Marker("BoxFuture")),
        "futures::executor" => Module("futures::executor"),
        "futures::executor::block_on" => Fn(B::BlockOn),
        "futures::future::join_all" => Fn(B::JoinAll),
        "futures::future::join" => Fn(B::FutJoin),
        "futures::future::join3" => Fn(B::FutJoin3),
        "futures::future::select" => Fn(B::FutSelect),
        "futures::future::Either" | "futures::Either" => Type(BTy::Either),
        "futures::join" | "futures::select" | "futures::select_biased" | "futures::try_join" => Macro,
        "gloo_timers::callback" => Module("gloo_timers::callback"),
        "gloo_timers::callback::Timeout" => Type(BTy::Timeout),
        "gloo_timers::callback::Interval" => Type(BTy::Interval),
        "gloo_timers::future" => Module("gloo_timers::future"),
        "gloo_timers::future::TimeoutFuture" => Type(BTy::TimeoutFuture),
        "gloo_timers::future::sleep" => Fn(B::GlooSleep),
        "wasm_bindgen_futures::spawn_local" => Fn(B::SpawnLocal),
        // `print!("> "); io::stdout().flush()`: the console is the program's standard output
        // (and its error output); there is no input to read.
        "std::io" => Module("std::io"),
        "std::io::Write" => Trait("Write"),
        // `impl BufRead` given a byte slice: its `lines()` (no input is read).
        "std::io::BufRead" => Trait("BufRead"),
        "std::io::stdout" | "std::io::stderr" => Fn(B::Stdout),
        "std::io::Result" => Type(BTy::Result),
        "std::io::Stdout" | "std::io::Stderr" => Type(BTy::Marker("Stdout")),
        "std::process" | "std::env" | "std::fs" | "std::net" | "std::ffi" => {
            return not_yet(": a program here has no files, processes or network");
        }
        _ if joined.starts_with("std::io::") => return not_yet(": a program here reads no input and has no files"),
        _ => match segs.first() {
            // A built-in type's item: `std::sync::atomic::Ordering::SeqCst`, `std::task::Poll::Ready`.
            Some(c) if CRATES.contains(c) && segs.len() > 2 => {
                let (last, ty) = segs.split_last().map(|(l, t)| (*l, t)).unwrap_or(("", &[]));
                match std_path(ty) {
                    Ok(Type(t)) => match assoc(t, last) {
                        Some(k) => return Ok(k),
                        None => return Err(format!("there is no `{joined}` in the playground's std (or it is not supported yet)")),
                    },
                    _ => return Err(format!("there is no `{joined}` in the playground's std (or it is not supported yet)")),
                }
            }
            Some(c) if CRATES.contains(c) => {
                return Err(format!("there is no `{joined}` in the playground's std (or it is not supported yet)"))
            }
            Some(c) => {
                return Err(format!("unknown crate `{c}`: the playground knows std, core, futures, gloo_timers and wasm_bindgen_futures"))
            }
            None => return Err("an empty path".into()),
        },
    })
}

/// What `name` means without any import: Rust's prelude and the playground's.
pub fn prelude(name: &str) -> Option<Known> {
    use Known::*;
    Some(match name {
        "Option" => Type(BTy::Option),
        "Result" => Type(BTy::Result),
        "Vec" => Type(BTy::Vec),
        "String" => Type(BTy::String),
        "Box" => Type(BTy::Box),
        "Some" => Fn(B::Some),
        "None" => Variant(ty::OPTION, 0, false),
        "Ok" => Fn(B::Ok),
        "Err" => Fn(B::Err),
        "drop" => Fn(B::Drop),
        "str" => Type(BTy::Str),
        "char" => Type(BTy::Char),
        "bool" => Type(BTy::Bool),
        "Clone"
        | "Copy"
        | "Default"
        | "Drop"
        | "Send"
        | "Sync"
        | "Sized"
        | "Unpin"
        | "PartialEq"
        | "Eq"
        | "PartialOrd"
        | "Ord"
        | "Iterator"
        | "IntoIterator"
        | "ToString"
        | "From"
        | "Into"
        | "Fn"
        | "FnMut"
        | "FnOnce"
        | "AsyncFn"
        | "AsyncFnMut"
        | "AsyncFnOnce"
        | "AsRef"
        | "ToOwned"
        | "Debug"
        | "Display"
        | "TryFrom"
        | "TryInto"
        | "FromIterator"
        | "DoubleEndedIterator"
        | "ExactSizeIterator"
        | "Extend" => Trait(match name {
            "TryFrom" => "TryFrom",
            "TryInto" => "TryInto",
            "FromIterator" => "FromIterator",
            "Clone" => "Clone",
            "Copy" => "Copy",
            "Default" => "Default",
            "Drop" => "Drop",
            "PartialEq" => "PartialEq",
            "Eq" => "Eq",
            "PartialOrd" => "PartialOrd",
            "Ord" => "Ord",
            "Iterator" => "Iterator",
            "ToString" => "ToString",
            "Debug" => "Debug",
            "Display" => "Display",
            _ => "Marker",
        }),
        // The playground's own prelude: what the step form and the presets use.
        "sleep" => Fn(B::Sleep),
        "spawn" => Fn(B::Spawn),
        "yield_now" => Fn(B::YieldNow),
        "spin" => Fn(B::Spin),
        "lost_waker" => Fn(B::LostWaker),
        "stale_waker" => Fn(B::StaleWaker),
        "wake_by_ref_then_pending" => Fn(B::WakeByRefThenPending),
        "TimerFuture" => Type(BTy::TimerFuture),
        "Duration" => Type(BTy::Duration),
        "Instant" => Type(BTy::Instant),
        "Future" => Trait("Future"),
        n => {
            return IntTy::from_name(n).map(|t| Type(BTy::Int(t))).or_else(|| FloatTy::from_name(n).map(|t| Type(BTy::Float(t))));
        }
    })
}

/// What `Type::name` means for a built-in type.
pub fn assoc(t: BTy, name: &str) -> Option<Known> {
    // The two the step form's programs write; the rest out of line (an embed of a step-form
    // scenario then never enters `assoc_rare`, which ships in the language's module).
    match (t, name) {
        (BTy::Duration, "from_millis") => Some(Known::Fn(B::DurFromMillis)),
        (BTy::TimerFuture, "new") => Some(Known::Fn(B::TimerFutureNew)),
        _ => assoc_rare(t, name),
    }
}

/// [`assoc`]'s other cases.
#[inline(never)]
fn assoc_rare(t: BTy, name: &str) -> Option<Known> {
    use Known::*;
    Some(match (t, name) {
        (BTy::Duration, "from_secs") => Fn(B::DurFromSecs),
        (BTy::Duration, "from_secs_f64" | "from_secs_f32") => Fn(B::DurFromSecsF64),
        (BTy::Duration, "from_micros") => Fn(B::DurFromMicros),
        (BTy::Duration, "from_nanos") => Fn(B::DurFromNanos),
        (BTy::Duration, "new") => Fn(B::DurNew),
        (BTy::Duration, "ZERO") => Fn(B::DurZero),
        (BTy::Duration, "MAX") => Fn(B::DurMax),
        (BTy::Instant, "now") => Fn(B::InstantNow),
        (BTy::Vec, "new") => Fn(B::VecNew),
        (BTy::Vec, "with_capacity") => Fn(B::VecWithCapacity),
        (BTy::VecDeque, "new") => Fn(B::DequeNew),
        (BTy::VecDeque, "with_capacity") => Fn(B::DequeWithCapacity),
        (BTy::VecDeque, "from") => Fn(B::DequeFrom),
        (BTy::String, "new") => Fn(B::StringNew),
        (BTy::String, "from") => Fn(B::StringFrom),
        (BTy::String, "with_capacity") => Fn(B::StringWithCapacity),
        (BTy::String, "from_utf8") => Fn(B::StringFromUtf8),
        (BTy::String, "from_utf8_lossy") => Fn(B::StringFromUtf8Lossy),
        (BTy::HashMap, "new") => Fn(B::MapNew),
        (BTy::HashMap, "from") => Fn(B::MapFrom),
        (BTy::HashMap, "with_capacity") => Fn(B::MapWithCapacity),
        (BTy::BTreeMap, "new") => Fn(B::OrdMapNew),
        (BTy::BTreeMap, "from") => Fn(B::OrdMapFrom),
        (BTy::HashSet, "new") => Fn(B::SetNew),
        (BTy::HashSet, "with_capacity") => Fn(B::SetWithCapacity),
        (BTy::HashSet, "from") => Fn(B::SetFrom),
        (BTy::BTreeSet, "new") => Fn(B::OrdSetNew),
        (BTy::BTreeSet, "from") => Fn(B::OrdSetFrom),
        (BTy::BinaryHeap, "new") => Fn(B::HeapNew),
        (BTy::BinaryHeap, "with_capacity") => Fn(B::HeapWithCapacity),
        (BTy::BinaryHeap, "from") => Fn(B::HeapFrom),
        (BTy::Box, "new") => Fn(B::BoxNew),
        (BTy::Box, "pin") => Fn(B::BoxPin),
        // `Box::leak(b)`: its value for the rest of the run (a box is its value here).
        (BTy::Box, "leak") => Fn(B::BoxNew),
        (BTy::Rc, "new" | "from") => Fn(B::RcNew),
        (BTy::Arc, "new" | "from") => Fn(B::ArcNew),
        (BTy::Rc | BTy::Arc, "clone") => Fn(B::SharedClone),
        (BTy::Rc | BTy::Arc, "strong_count") => Fn(B::StrongCount),
        (BTy::Rc | BTy::Arc, "ptr_eq") => Fn(B::PtrEq),
        (BTy::Rc | BTy::Arc, "downgrade") => Fn(B::Downgrade),
        (BTy::Rc | BTy::Arc, "weak_count") => Fn(B::WeakCount),
        (BTy::Rc | BTy::Arc, "try_unwrap") => Fn(B::SharedTryUnwrap),
        (BTy::Rc | BTy::Arc, "get_mut") => Fn(B::SharedGetMut),
        (BTy::Rc | BTy::Arc, "make_mut") => Fn(B::SharedMakeMut),
        (BTy::Weak, "new") => Fn(B::WeakNew),
        (BTy::Arc, "into_raw") => Fn(B::ArcIntoRaw),
        (BTy::Arc, "from_raw") => Fn(B::ArcFromRaw),
        (BTy::Arc, "increment_strong_count") => Fn(B::ArcIncStrong),
        (BTy::Arc, "decrement_strong_count") => Fn(B::ArcDecStrong),
        (BTy::ManuallyDrop, "new") => Fn(B::ManuallyDropNew),
        (BTy::RawWaker, "new") => Fn(B::RawWakerNew),
        (BTy::RawWakerVTable, "new") => Fn(B::RawWakerVTableNew),
        (BTy::Waker, "from_raw") => Fn(B::WakerFromRaw),
        (BTy::Cell, "new") => Fn(B::CellNew),
        (BTy::RefCell, "new") => Fn(B::RefCellNew),
        (BTy::Mutex, "new") => Fn(B::MutexNew),
        (BTy::Condvar, "new") => Fn(B::CondvarNew),
        (BTy::Barrier, "new") => Fn(B::BarrierNew),
        (BTy::Once(true), "new") => Fn(B::OnceLockNew),
        (BTy::Once(false), "new") => Fn(B::OnceCellNew),
        (BTy::RwLock, "new") => Fn(B::RwLockNew),
        // `Pin` is transparent here: what it wraps is itself. `new`, `get_mut` and
        // `into_inner` need the type to be `Unpin`; the unsafe ones do not.
        (BTy::Pin, "new" | "get_mut" | "into_inner") => Fn(B::PinNew),
        (
            BTy::Pin,
            "new_unchecked" | "get_ref" | "get_unchecked_mut" | "into_ref" | "into_inner_unchecked" | "static_ref" | "static_mut",
        ) => Fn(B::PinUnchecked),
        (BTy::Atomic(t), "new") => AtomicNew(t),
        (BTy::Context, "from_waker") => Fn(B::CtxFromWaker),
        (BTy::Waker, "noop") => Fn(B::WakerNoop),
        (BTy::Marker("TypeId"), "of") => AnyType(AnyOp::IdOf),
        (BTy::Waker, "from") => Fn(B::WakerFrom),
        (BTy::ChanError(ty::TRY_SEND_ERROR), "Full") => Variant(ty::TRY_SEND_ERROR, 0, true),
        (BTy::ChanError(ty::TRY_SEND_ERROR), "Disconnected") => Variant(ty::TRY_SEND_ERROR, 1, true),
        (BTy::ChanError(ty::TRY_RECV_ERROR), "Empty") => Variant(ty::TRY_RECV_ERROR, 0, false),
        (BTy::ChanError(ty::TRY_RECV_ERROR), "Disconnected") => Variant(ty::TRY_RECV_ERROR, 1, false),
        (BTy::ChanError(ty::RECV_TIMEOUT_ERROR), "Timeout") => Variant(ty::RECV_TIMEOUT_ERROR, 0, false),
        (BTy::ChanError(ty::RECV_TIMEOUT_ERROR), "Disconnected") => Variant(ty::RECV_TIMEOUT_ERROR, 1, false),
        (BTy::Marker("Ref"), "map") => Fn(B::RefMap),
        (BTy::Cow, "Borrowed") => Variant(ty::COW, 0, true),
        (BTy::Cow, "Owned") => Variant(ty::COW, 1, true),
        (BTy::Cow, "from") => Fn(B::CowFrom),
        (BTy::Either, "Left") => Variant(ty::EITHER, 0, true),
        (BTy::Either, "Right") => Variant(ty::EITHER, 1, true),
        (BTy::Option, "Some") => Fn(B::Some),
        (BTy::Option, "None") => Variant(ty::OPTION, 0, false),
        (BTy::Result, "Ok") => Fn(B::Ok),
        (BTy::Result, "Err") => Fn(B::Err),
        (BTy::Poll, "Ready") => Fn(B::PollReady),
        (BTy::Poll, "Pending") => Variant(ty::POLL, 1, false),
        (BTy::CmpOrdering, "Less") => Variant(ty::ORDERING, 0, false),
        (BTy::CmpOrdering, "Equal") => Variant(ty::ORDERING, 1, false),
        (BTy::CmpOrdering, "Greater") => Variant(ty::ORDERING, 2, false),
        (BTy::AtomicOrdering, "SeqCst" | "Relaxed" | "Acquire" | "Release" | "AcqRel") => MemOrdering,
        (BTy::Timeout, "new") => Fn(B::TimeoutNew),
        (BTy::Marker("Builder"), "new") => Fn(B::ThreadBuilder),
        (BTy::Interval, "new") => Fn(B::IntervalNew),
        (BTy::TimeoutFuture, "new") => Fn(B::TimeoutFutureNew),
        (BTy::Int(t), "MAX") => Int(t.range().1, t),
        (BTy::Int(t), "MIN") => Int(t.range().0, t),
        (BTy::Int(t), "BITS") => Int(i128::from(t.bits()), IntTy::U32),
        (BTy::Int(_), "max_value") => Fn(B::IntMax),
        (BTy::Int(_), "min_value") => Fn(B::IntMin),
        (BTy::Int(t), "from_str") => IntParse(t, false),
        (BTy::Int(t), "from_str_radix") => IntParse(t, true),
        (BTy::Int(t), "from_le_bytes" | "from_ne_bytes") => IntFromBytes(t, false),
        (BTy::Int(t), "from_be_bytes") => IntFromBytes(t, true),
        (BTy::Int(t), "from") => IntConv(t, false),
        (BTy::Int(t), "try_from") => IntConv(t, true),
        (BTy::Float(t), "from") => FloatConv(t),
        // `f64::MAX` and the type's other limits (`f64::consts::PI` is a module's).
        (BTy::Float(t), c) if FLOAT_CONSTS[..7].contains(&c) => {
            FloatConst(t, FLOAT_CONSTS.iter().find(|x| **x == c).copied().unwrap_or("NAN"))
        }
        (BTy::Int(_) | BTy::Float(_), m) if PRIM_METHODS.iter().any(|(n, _)| *n == m) => {
            let (n, k) = PRIM_METHODS.iter().find(|(n, _)| *n == m).copied().unwrap_or(("abs", 1));
            PrimMethod(n, k)
        }
        (BTy::Char, "MAX") => Char(char::MAX),
        (BTy::Char, "REPLACEMENT_CHARACTER") => Char(char::REPLACEMENT_CHARACTER),
        (BTy::Char, "from_u32") => Fn(B::CharFromU32),
        (BTy::Char, "try_from") => Fn(B::CharTryFrom),
        (BTy::Char, "from") => Fn(B::CharFrom),
        (BTy::Char, "from_digit") => Fn(B::CharFromDigit),
        (_, "default") => Fn(B::Default),
        _ => return None,
    })
}

/// Whether a built-in method takes `self` by value (so a variable it is called on is moved).
/// `unwrap_or_default()` given the closure that makes the default (`|| T::default()`), where
/// the type is known before running: a name no program can write.
pub const DEFAULT_WITH: &str = "unwrap_or_default<T>";

pub fn consumes(name: &str) -> bool {
    matches!(
        name,
        "wake"
            | "forget"
            | "cancel"
            | "into_inner"
            | "into_iter"
            | "unwrap"
            | "expect"
            | "unwrap_or"
            | "unwrap_or_default"
            | "unwrap_or_default<T>"
            | "unwrap_or_else"
            | "unwrap_err"
            | "ok"
            | "err"
            | "and_then"
            | "boxed"
            | "boxed_local"
            | "now_or_never"
            | "into_future"
            | "fuse"
            | "join"
            | "into_bytes"
            | "into_boxed_str"
    ) || name.starts_with("downcast<")
}
