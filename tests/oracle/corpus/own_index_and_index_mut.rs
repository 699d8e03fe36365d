// The program's own Index and IndexMut: a grid indexed by (row, col).
use std::ops::{Index, IndexMut};

struct Grid {
    w: usize,
    cells: Vec<u32>,
}

impl Index<(usize, usize)> for Grid {
    type Output = u32;
    fn index(&self, (r, c): (usize, usize)) -> &u32 {
        &self.cells[r * self.w + c]
    }
}

impl IndexMut<(usize, usize)> for Grid {
    fn index_mut(&mut self, (r, c): (usize, usize)) -> &mut u32 {
        &mut self.cells[r * self.w + c]
    }
}

struct Names(Vec<String>);

impl Index<usize> for Names {
    type Output = String;
    fn index(&self, i: usize) -> &String {
        &self.0[i]
    }
}

fn main() {
    let mut g = Grid { w: 3, cells: vec![0; 6] };
    g[(0, 1)] = 5;
    g[(1, 2)] += 7;
    g[(1, 2)] *= 2;
    println!("{} {} {}", g[(0, 1)], g[(1, 2)], g[(0, 0)]);
    let r = &mut g[(1, 0)];
    *r = 9;
    println!("{:?}", g.cells);
    let n = Names(vec!["ann".to_string(), "bob".to_string()]);
    println!("{} {}", n[1], n[0].len());
    let total: u32 = (0..2).map(|r| (0..3).map(|c| g[(r, c)]).sum::<u32>()).sum();
    println!("{total}");
}
