//! How rustc lays out a struct, a tuple and an enum on a 64-bit target, for `size_of::<T>()`
//! (`rustc_abi`'s `univariant` and `layout_of_enum`, for the default `repr`): fields reordered
//! by alignment, an enum's tag before each variant's fields, or no tag where the largest
//! variant has a *niche* (values its bytes never take, a `bool`'s 254 or a reference's null)
//! with room for the other variants, which fit beside it.

/// Values a field's bytes never take: where they are, how wide, and how many there are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Niche {
    pub offset: u64,
    pub size: u64,
    pub available: u128,
}

/// A type's size and alignment, and its largest niche.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    pub size: u64,
    pub align: u64,
    pub niche: Option<Niche>,
}

const TOO_LARGE: &str = "it is too big for the target architecture, as rustc says of it";
/// rustc's bound on a type's size on a 64-bit target (`obj_size_bound`).
const BOUND: u64 = 1 << 61;

impl Layout {
    /// A scalar as wide as it is aligned, with `available` values it never takes.
    pub fn scalar(size: u64, available: u128) -> Layout {
        Layout { size, align: size.max(1), niche: (available > 0).then_some(Niche { offset: 0, size, available }) }
    }

    /// A scalar field of `size` bytes at `offset` in a type of `size`×`align`.
    pub fn with_niche(size: u64, align: u64, niche: Niche) -> Layout {
        Layout { size, align, niche: Some(niche) }
    }

    /// The same bytes with its niche hidden (an `UnsafeCell`'s).
    pub fn opaque(self) -> Layout {
        Layout { niche: None, ..self }
    }

    /// `[T; n]`.
    pub fn array(self, n: u64) -> Result<Layout, &'static str> {
        bounded(Layout { size: self.size.checked_mul(n).ok_or(TOO_LARGE)?, align: self.align, niche: self.niche.filter(|_| n > 0) })
    }

    fn available(&self) -> u128 {
        self.niche.map_or(0, |n| n.available)
    }
}

fn align_to(x: u64, a: u64) -> Result<u64, &'static str> {
    x.div_ceil(a).checked_mul(a).ok_or(TOO_LARGE)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Bias {
    Start,
    End,
}

/// A struct's or tuple's layout (rustc's `univariant` of a sized struct): its niche toward
/// the start, or toward the end where that leaves more room before it than after.
pub fn structure(fields: &[Layout]) -> Result<Layout, &'static str> {
    let layout = biased(fields, Bias::Start)?;
    if let (Some(n), true) = (layout.niche, fields.len() > 1) {
        let head = n.offset;
        let tail = layout.size.saturating_sub(n.offset.saturating_add(n.size));
        if head != 0 && tail > 0 {
            let alt = biased(fields, Bias::End)?;
            if let Some(m) = alt.niche {
                let alt_head = m.offset;
                if alt_head > head && alt_head > tail {
                    return Ok(alt);
                }
            }
        }
    }
    Ok(layout)
}

/// The log2 of the alignment a field is grouped by when fields are ordered.
fn group(f: &Layout, max_align: u64, largest_niche: u128, bias: Bias) -> u32 {
    let size_as_align = f.align.max(f.size).trailing_zeros();
    if largest_niche == 0 {
        return size_as_align;
    }
    match bias {
        Bias::Start => max_align.trailing_zeros().min(size_as_align),
        Bias::End if f.available() == largest_niche => f.align.trailing_zeros(),
        Bias::End => size_as_align,
    }
}

fn biased(fields: &[Layout], bias: Bias) -> Result<Layout, &'static str> {
    let max_align = fields.iter().map(|f| f.align).max().unwrap_or(1);
    let largest_niche = fields.iter().map(Layout::available).max().unwrap_or(0);
    let mut order: Vec<usize> = (0..fields.len()).collect();
    if fields.len() > 1 {
        order.sort_by_key(|&i| {
            let f = &fields[i];
            let niche_key = match bias {
                Bias::Start => !f.available(),
                Bias::End => f.available(),
            };
            let inner = match bias {
                Bias::Start => f.niche.map_or(0, |n| n.offset),
                Bias::End => f.niche.map_or(0, |n| !f.size.wrapping_sub(n.offset + n.size)),
            };
            (std::cmp::Reverse(group(f, max_align, largest_niche, bias)), niche_key, inner)
        });
    }
    let (mut at, mut align, mut niche): (u64, u64, Option<Niche>) = (0, 1, None);
    for i in order {
        let f = &fields[i];
        at = align_to(at, f.align)?;
        if let Some(n) = f.niche {
            let better = match (bias, niche) {
                (_, None) => true,
                (Bias::Start, Some(m)) => n.available > m.available,
                (Bias::End, Some(m)) => n.available >= m.available,
            };
            if better {
                niche = Some(Niche { offset: at.checked_add(n.offset).ok_or(TOO_LARGE)?, ..n });
            }
        }
        at = at.checked_add(f.size).ok_or(TOO_LARGE)?;
        align = align.max(f.align);
    }
    bounded(Layout { size: align_to(at, align)?, align, niche })
}

/// A layout no larger than rustc allows.
fn bounded(l: Layout) -> Result<Layout, &'static str> {
    if l.size > BOUND {
        return Err(TOO_LARGE);
    }
    Ok(l)
}

/// A variant's fields after a tag of `tag` bytes (rustc's `univariant` with a prefix: fields
/// in ascending alignment), its size and the alignment of its first field that has a size.
fn prefixed(fields: &[Layout], tag: u64) -> Result<(u64, u64, Option<u64>), &'static str> {
    let max_align = fields.iter().map(|f| f.align).max().unwrap_or(1);
    let largest_niche = fields.iter().map(Layout::available).max().unwrap_or(0);
    let mut order: Vec<usize> = (0..fields.len()).collect();
    order.sort_by_key(|&i| (group(&fields[i], max_align, largest_niche, Bias::Start), fields[i].available()));
    let (mut at, mut align, mut first) = (tag, tag, None);
    for i in order {
        let f = &fields[i];
        at = align_to(at, f.align)?.checked_add(f.size).ok_or(TOO_LARGE)?;
        align = align.max(f.align);
        if f.size > 0 && first.is_none() {
            first = Some(f.align);
        }
    }
    Ok((align_to(at, align)?, align, first))
}

/// An enum with data (its variants' fields' layouts, discriminants `0..n`): tagged, or
/// niche-filled where that is smaller (or as small, with a larger niche left).
pub fn enumeration(variants: &[Vec<Layout>]) -> Result<Layout, &'static str> {
    let n = variants.len() as u128;
    if variants.len() == 1 {
        return structure(&variants[0]);
    }
    let tag_min: u64 = if n <= 256 { 1 } else { 2 };
    // Tagged.
    let mut size = tag_min;
    let mut align = tag_min;
    let mut start_align = 256;
    for v in variants {
        let (s, a, first) = prefixed(v, tag_min)?;
        size = size.max(s);
        align = align.max(a);
        if let Some(f) = first {
            start_align = start_align.min(f);
        }
    }
    // The tag widened into the padding before every variant's first field.
    let tag = if matches!(start_align, 1 | 2 | 4 | 8 | 16) && start_align > tag_min { start_align } else { tag_min };
    let tag_values = if tag >= 16 { u128::MAX } else { 1u128 << (8 * tag) };
    let tagged = bounded(Layout::with_niche(align_to(size, align)?, align, Niche { offset: 0, size: tag, available: tag_values - n }))?;

    // Niche-filled: the largest variant (the last of the largest) untouched, the others
    // numbered in its niche, each beside it.
    let layouts = variants.iter().map(|v| structure(v)).collect::<Result<Vec<_>, _>>()?;
    let all_align = layouts.iter().map(|l| l.align).max().unwrap_or(1);
    let largest = (0..layouts.len()).max_by_key(|&i| (layouts[i].size, i)).unwrap_or(0);
    let others: Vec<usize> = (0..layouts.len()).filter(|&i| i != largest).collect();
    let count = match (others.first(), others.last()) {
        (Some(&a), Some(&b)) => (b - a + 1) as u128,
        _ => 0,
    };
    let filled = layouts[largest].niche.filter(|niche| niche.available >= count).and_then(|niche| {
        let size = align_to(layouts[largest].size, all_align).ok()?;
        let fits = others.iter().all(|&i| {
            let l = &layouts[i];
            l.size <= niche.offset
                || niche
                    .offset
                    .checked_add(niche.size)
                    .and_then(|end| align_to(end, l.align).ok())
                    .and_then(|at| at.checked_add(l.size))
                    .is_some_and(|end| end <= size)
        });
        fits.then_some(Layout::with_niche(size, all_align, Niche { available: niche.available - count, ..niche }))
    });
    Ok(match filled {
        Some(f) if f.size < tagged.size || (f.size == tagged.size && f.available() > tagged.available()) => f,
        _ => tagged,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(n: u64) -> Layout {
        Layout::scalar(n, 0)
    }

    #[test]
    fn an_enum_is_tagged_or_niche_filled_as_rustc_lays_it_out() {
        let bool_ = Layout::scalar(1, 254);
        let ptr = Layout::scalar(8, 1);
        let string = Layout::with_niche(24, 8, Niche { offset: 0, size: 8, available: 1 << 63 });
        let unit = Layout::scalar(1, 256 - 6);
        // The sizes rustc 1.95 gives (x86_64).
        assert_eq!(enumeration(&[vec![unit, int(4)], vec![], vec![unit, int(4)]]).map(|l| l.size), Ok(8));
        assert_eq!(enumeration(&[vec![int(8), int(1)], vec![]]).map(|l| l.size), Ok(16));
        assert_eq!(enumeration(&[vec![bool_], vec![], vec![]]).map(|l| l.size), Ok(1));
        assert_eq!(enumeration(&[vec![ptr], vec![]]).map(|l| l.size), Ok(8));
        assert_eq!(enumeration(&[vec![ptr], vec![], vec![]]).map(|l| l.size), Ok(16));
        assert_eq!(enumeration(&[vec![string], vec![int(1)], vec![]]).map(|l| l.size), Ok(24));
        assert_eq!(enumeration(&[vec![], vec![int(4), int(4)], vec![string], vec![int(4), int(4), int(4)]]).map(|l| l.size), Ok(24));
        assert_eq!(enumeration(&[vec![bool_, bool_], vec![int(1)]]).map(|l| l.size), Ok(2));
        assert_eq!(enumeration(&[vec![int(1)], vec![int(2)], vec![int(4)]]).map(|l| l.size), Ok(8));
        assert_eq!(enumeration(&[vec![int(4)]]).map(|l| l.size), Ok(4));
        // `Option<u32>`: tagged, the tag widened to the `u32`'s alignment.
        let opt = enumeration(&[vec![], vec![int(4)]]).expect("a layout");
        assert_eq!((opt.size, opt.niche.map(|n| n.size)), (8, Some(4)));
    }

    #[test]
    fn a_type_past_rustcs_bound_is_refused_and_no_offset_overflows() {
        assert_eq!(int(8).array(1 << 58).map(|l| l.size), Ok(1 << 61));
        assert!(int(8).array((1 << 58) + 1).is_err());
        assert!(int(8).array(u64::MAX).is_err());
        // 2^61 bytes, then a `bool`: past the bound, never an overflow.
        let big = int(1).array(1 << 61).expect("at the bound");
        assert!(structure(&[big, Layout::scalar(1, 254)]).is_err());
        assert!(enumeration(&[vec![big, Layout::scalar(1, 254)], vec![int(1)]]).is_err());
    }

    #[test]
    fn a_structs_niche_goes_to_the_start_or_the_end_where_more_room_is_left() {
        let bool_ = Layout::scalar(1, 254);
        let s = structure(&[int(1), int(4), bool_]).expect("a layout");
        assert_eq!(s.size, 8);
        assert_eq!(s.niche.map(|n| n.available), Some(254));
    }
}
