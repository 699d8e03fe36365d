//! Decimal text read as an `f64`, as Rust's `f64::from_str` reads it, without std's reader.

/// `s` read as Rust's `f64::from_str` reads it (a sign, then `inf`, `infinity` or `nan` in any
/// case, or digits with a point and an exponent), rounded to the nearest `f64` (ties to even), as
/// std rounds it; `None` if it is not one.
///
/// Written here rather than called from std: std's reader brings a 10 KB table of powers of five
/// into the page's first module (the lexer reads every program's literals), where this needs none:
/// exact `f64` arithmetic when it is exact (up to 15 digits, powers of ten up to 10^22), else
/// whole-number arithmetic on the digits.
pub fn parse(s: &str) -> Option<f64> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let signed = |x: f64| if neg { -x } else { x };
    if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        return Some(signed(f64::INFINITY));
    }
    if body.eq_ignore_ascii_case("nan") {
        return Some(f64::NAN);
    }
    let b = body.as_bytes();
    let mut i = 0;
    let mut digits: Vec<u8> = Vec::new();
    // The decimal exponent of the last digit kept, and whether a digit past those kept is not 0.
    let mut exp10: i64 = 0;
    let mut rest_nonzero = false;
    let mut any = false;
    let mut take = |d: u8, frac: bool, digits: &mut Vec<u8>, exp10: &mut i64| {
        if digits.is_empty() && d == 0 {
            if frac {
                *exp10 -= 1;
            }
            return;
        }
        if digits.len() < MAX_DIGITS {
            digits.push(d);
            if frac {
                *exp10 -= 1;
            }
        } else {
            rest_nonzero |= d != 0;
            if !frac {
                *exp10 += 1;
            }
        }
    };
    while i < b.len() && b[i].is_ascii_digit() {
        take(b[i] - b'0', false, &mut digits, &mut exp10);
        any = true;
        i += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            take(b[i] - b'0', true, &mut digits, &mut exp10);
            any = true;
            i += 1;
        }
    }
    if !any {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        let eneg = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut e: i64 = 0;
        while i < b.len() && b[i].is_ascii_digit() {
            e = (e * 10 + i64::from(b[i] - b'0')).min(1_000_000_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp10 += if eneg { -e } else { e };
    }
    if i != b.len() {
        return None;
    }
    if digits.is_empty() {
        return Some(signed(0.0));
    }
    if rest_nonzero {
        // A digit past the kept ones: the value is just above the kept digits, which is all that
        // rounding can tell apart (a tie needs at most 767 digits).
        digits.push(1);
        exp10 -= 1;
    }
    // Beyond the largest and below half the smallest `f64`, whatever the digits.
    let magnitude = digits.len() as i64 + exp10;
    if magnitude > 310 {
        return Some(signed(f64::INFINITY));
    }
    if magnitude < -330 {
        return Some(signed(0.0));
    }
    // Exact: at most 15 digits and a power of ten an `f64` holds exactly (Clinger's fast path).
    if digits.len() <= 15 && (-22..=22).contains(&exp10) {
        let m = digits.iter().fold(0u64, |m, &d| m * 10 + u64::from(d)) as f64;
        let p = (0..exp10.unsigned_abs()).fold(1.0f64, |p, _| p * 10.0);
        return Some(signed(if exp10 >= 0 { m * p } else { m / p }));
    }
    let n = Big::from_digits(&digits);
    let x = if exp10 >= 0 {
        let mut x = n;
        x.mul_pow10(exp10 as u32);
        round_to_f64(&x, 0, false)
    } else {
        // `n / 10^k`: a quotient of at least 64 bits, and whether it left a remainder.
        let mut d = Big::from_digits(&[1]);
        d.mul_pow10(exp10.unsigned_abs() as u32);
        let shift = (d.bits() + 64).saturating_sub(n.bits());
        let mut r = n;
        r.shl(shift);
        let mut q = Big::default();
        let top = r.bits().saturating_sub(d.bits()) + 1;
        for bit in (0..=top).rev() {
            let mut t = d.clone();
            t.shl(bit);
            if r.cmp(&t) != std::cmp::Ordering::Less {
                r.sub(&t);
                q.set_bit(bit);
            }
        }
        round_to_f64(&q, -(shift as i64), !r.is_zero())
    };
    Some(signed(x))
}

/// The most significant digits [`parse`] keeps: enough to round every tie right.
const MAX_DIGITS: usize = 800;

/// A whole number, in 32-bit limbs, least significant first.
#[derive(Clone, Default)]
struct Big(Vec<u32>);

impl Big {
    fn from_digits(digits: &[u8]) -> Big {
        let mut b = Big::default();
        for chunk in digits.chunks(9) {
            let (mut m, mut v) = (1u32, 0u32);
            for &d in chunk {
                m *= 10;
                v = v * 10 + u32::from(d);
            }
            b.mul_add(m, v);
        }
        b
    }

    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for l in &mut self.0 {
            let t = u64::from(*l) * u64::from(m) + carry;
            *l = t as u32;
            carry = t >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut k: u32) {
        while k >= 9 {
            self.mul_add(1_000_000_000, 0);
            k -= 9;
        }
        if k > 0 {
            self.mul_add(10u32.pow(k), 0);
        }
    }

    fn bits(&self) -> u64 {
        match self.0.iter().rposition(|&l| l != 0) {
            Some(i) => i as u64 * 32 + u64::from(32 - self.0[i].leading_zeros()),
            None => 0,
        }
    }

    fn is_zero(&self) -> bool {
        self.0.iter().all(|&l| l == 0)
    }

    fn bit(&self, i: u64) -> bool {
        self.0.get((i / 32) as usize).is_some_and(|l| l >> (i % 32) & 1 == 1)
    }

    fn set_bit(&mut self, i: u64) {
        let w = (i / 32) as usize;
        if self.0.len() <= w {
            self.0.resize(w + 1, 0);
        }
        self.0[w] |= 1 << (i % 32);
    }

    fn shl(&mut self, n: u64) {
        let (words, bits) = ((n / 32) as usize, (n % 32) as u32);
        if bits > 0 {
            let mut carry = 0u32;
            for l in &mut self.0 {
                let t = (*l << bits) | carry;
                carry = *l >> (32 - bits);
                *l = t;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if words > 0 {
            self.0.splice(0..0, std::iter::repeat_n(0, words));
        }
    }

    fn cmp(&self, other: &Big) -> std::cmp::Ordering {
        let (a, b) = (self.bits(), other.bits());
        if a != b {
            return a.cmp(&b);
        }
        for i in (0..self.0.len().max(other.0.len())).rev() {
            let (x, y) = (self.0.get(i).copied().unwrap_or(0), other.0.get(i).copied().unwrap_or(0));
            if x != y {
                return x.cmp(&y);
            }
        }
        std::cmp::Ordering::Equal
    }

    /// `self -= other`, which is not larger.
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for i in 0..self.0.len() {
            let t = i64::from(self.0[i]) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            self.0[i] = t as u32;
            borrow = i64::from(t < 0);
        }
    }
}

/// `q × 2^e2` (plus a little more when `sticky`) rounded to the nearest `f64`, ties to even,
/// subnormals included.
fn round_to_f64(q: &Big, e2: i64, sticky: bool) -> f64 {
    let len = q.bits() as i64;
    if len == 0 {
        return 0.0;
    }
    // The bit the result's last one is: 53 bits, or fewer below 2^-1022.
    let shift = (len - 53).max(-1074 - e2);
    let (mut m, e) = if shift > 0 {
        let s = shift as u64;
        let mut m: u64 = 0;
        for i in (s..len as u64).rev() {
            m = (m << 1) | u64::from(q.bit(i));
        }
        let half = q.bit(s - 1);
        let below = sticky || (0..s - 1).any(|i| q.bit(i));
        if half && (below || m & 1 == 1) {
            m += 1;
        }
        (m, e2 + shift)
    } else {
        let mut m: u64 = 0;
        for i in (0..len as u64).rev() {
            m = (m << 1) | u64::from(q.bit(i));
        }
        (m, e2)
    };
    if m == 0 {
        return 0.0;
    }
    // `m × 2^e` is an `f64` (or too large for one): scaled exactly, in steps that stay exact.
    let mut x = m as f64;
    let mut e = e;
    if m >= 1 << 53 {
        m >>= 1;
        x = m as f64;
        e += 1;
    }
    while e > 0 {
        let k = e.min(1000);
        x *= f64::from_bits(((1023 + k) as u64) << 52);
        e -= k;
    }
    while e < 0 {
        let k = (-e).min(1000);
        x *= f64::from_bits(((1023 - k) as u64) << 52);
        e += k;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_what_std_reads_and_rounds_as_std_rounds() {
        let cases = [
            "0",
            "-0",
            "+0.0",
            "1",
            "1.",
            ".5",
            "0.1",
            "0.2",
            "0.3",
            "3.14159",
            "2.5e-3",
            "1e16",
            "1e22",
            "1e23",
            "-1e-7",
            "9007199254740993",
            "9007199254740992.5",
            "123456789012345678901234567890",
            "0.000000000000000000001234",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1e-400",
            "1e309",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "179769313486231580793728971405301e276",
            "0.1e1",
            "5e-1",
            "1E5",
            "1e+5",
            "inf",
            "-Infinity",
            "NaN",
            "nan",
            "e5",
            ".",
            "",
            "-",
            "1e",
            "1e+",
            "1.2.3",
            "1_0",
            " 1",
            "0x10",
            "1f64",
            "++1",
            "7.2057594037927933e16",
            "0.30000000000000004",
            "100000000000000000000000",
            "8.988465674311579e307",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
        ];
        for c in cases {
            let want = c.parse::<f64>().ok();
            let got = parse(c);
            assert_eq!(got.map(f64::to_bits), want.map(f64::to_bits), "{c:?}: {got:?} vs {want:?}");
        }
        let long = format!("0.{}1", "0".repeat(1200));
        assert_eq!(parse(&long), Some(0.0));
        let tie = format!("1.00000000000000011102230246251565404236316680908203125{}1", "0".repeat(900));
        assert_eq!(parse(&tie).map(f64::to_bits), tie.parse::<f64>().ok().map(f64::to_bits));
    }

    // Native only: proptest is not built for wasm32.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn parse_agrees_with_std_on_any_float_text(
            int in "[0-9]{0,25}", frac in "[0-9]{0,25}", point in proptest::bool::ANY, exp in proptest::option::of(-350i32..350)
        ) {
            let mut s = int.clone();
            if point {
                s.push('.');
                s.push_str(&frac);
            }
            if let Some(e) = exp {
                s.push_str(&format!("e{e}"));
            }
            let want = s.parse::<f64>().ok();
            proptest::prop_assert_eq!(parse(&s).map(f64::to_bits), want.map(f64::to_bits), "{}", s);
        }

        #[test]
        fn parse_reads_back_every_f64_std_writes(bits in proptest::num::u64::ANY) {
            let x = f64::from_bits(bits);
            if x.is_finite() {
                for s in [format!("{x}"), format!("{x:e}"), format!("{x:?}"), format!("{x:.20e}")] {
                    proptest::prop_assert_eq!(parse(&s).map(f64::to_bits), Some(x.to_bits()), "{}", s);
                }
            }
        }
    }
}
