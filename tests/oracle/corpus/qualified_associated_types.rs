// Crust of Rust's `Flatten`: a struct field typed `Option<<O::Item as IntoIterator>::IntoIter>`
// (the lexer's `<<` read as two `<`) and `type Item = <O::Item as IntoIterator>::Item`.
struct Flatten<O>
where
    O: Iterator,
    O::Item: IntoIterator,
{
    outer: O,
    front: Option<<O::Item as IntoIterator>::IntoIter>,
}

impl<O> Flatten<O>
where
    O: Iterator,
    O::Item: IntoIterator,
{
    fn new(outer: O) -> Self {
        Flatten { outer, front: None }
    }
}

impl<O> Iterator for Flatten<O>
where
    O: Iterator,
    O::Item: IntoIterator,
{
    type Item = <O::Item as IntoIterator>::Item;
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(ref mut inner) = self.front {
                if let Some(x) = inner.next() {
                    return Some(x);
                }
                self.front = None;
            }
            let next_inner = self.outer.next()?.into_iter();
            self.front = Some(next_inner);
        }
    }
}

fn total<I>(items: I) -> i64
where
    I: IntoIterator,
    <I as IntoIterator>::Item: Into<i64>,
{
    items.into_iter().map(Into::into).sum()
}

fn main() {
    let f = Flatten::new(vec![vec![1, 2], vec![], vec![3]].into_iter());
    println!("{:?}", f.collect::<Vec<_>>());
    let words = Flatten::new(vec!["ab", "", "c"].into_iter().map(|w| w.chars()));
    println!("{}", words.collect::<String>());
    println!("{}", total(vec![1i32, 2, 3]));
}
