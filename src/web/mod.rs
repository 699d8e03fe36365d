//! web
pub fn placeholder(){}
