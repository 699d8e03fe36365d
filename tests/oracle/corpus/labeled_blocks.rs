// Labeled blocks: break 'k with a value out of nested loops, a plain break or continue inside
// one leaves the loop around it, and a block's own value when nothing breaks.
fn classify(n: i32) -> &'static str {
    let kind = 'k: {
        if n < 0 {
            break 'k "negative";
        }
        if n == 0 {
            break 'k "zero";
        }
        for d in 2..n {
            if n % d == 0 {
                break 'k "composite";
            }
        }
        "prime or one"
    };
    kind
}

fn main() {
    for n in [-3, 0, 1, 7, 9, 13] {
        println!("{n}: {}", classify(n));
    }
    let mut found = None;
    'search: {
        for (i, row) in [[1, 2], [3, 4], [5, 6]].iter().enumerate() {
            for (j, v) in row.iter().enumerate() {
                if *v == 4 {
                    found = Some((i, j));
                    break 'search;
                }
                if *v == 1 {
                    continue;
                }
            }
        }
        println!("not found");
    }
    println!("{:?}", found);
    let mut total = 0;
    for i in 0..5 {
        let add = 'b: {
            if i % 2 == 0 {
                break 'b i * 10;
            }
            i
        };
        total += add;
        if total > 30 {
            break;
        }
    }
    println!("{total}");
}
