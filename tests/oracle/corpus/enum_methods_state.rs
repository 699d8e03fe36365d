// An enum state machine with methods that replace self: *self = …, matches!, Self::Variant.
#[derive(Debug, Clone, PartialEq)]
enum Door {
    Closed,
    Open { since: u32 },
    Locked(String),
}

impl Door {
    fn step(&mut self, t: u32) {
        *self = match self {
            Door::Closed => Door::Open { since: t },
            Door::Open { since } if t - *since > 5 => Self::Locked(format!("at {t}")),
            Door::Open { .. } => Door::Closed,
            Door::Locked(_) => return,
        };
    }
    fn is_open(&self) -> bool {
        matches!(self, Door::Open { .. })
    }
}

fn main() {
    let mut d = Door::Closed;
    for t in [1, 2, 3, 10, 20] {
        d.step(t);
        println!("{t}: {:?} open={}", d, d.is_open());
    }
    println!("{}", d == Door::Locked("at 10".to_string()));
}
