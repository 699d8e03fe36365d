//! Time: [`TimerFuture`](timer::TimerFuture) and its two backends (one host timeout per timer,
//! or a driver that coalesces them). Built on the runtime's context handle, never on the
//! executor's insides.

pub(crate) mod timer;
