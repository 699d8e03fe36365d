use std::collections::HashMap;
fn main() {
    let mut dept: HashMap<String, Vec<String>> = HashMap::new();
    dept.insert("eng".to_string(), vec!["x".to_string()]);
    let keys: Vec<&String> = dept.keys().collect();
    for k in keys {
        let people = dept[k].clone();
        println!("{}: {:?}", k, people);
    }
}
