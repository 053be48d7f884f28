function f($a, $A) { }
