//! A YAML document as a tree whose every node and key carries its position: for readers
//! that check a document themselves and report every problem at once (the quiz engine's
//! banks and contests), instead of deserializing into a type that stops at the first.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::yaml::{self, At, YamlError};

/// One node of a document. Numbers keep their kind; a mapping keeps its keys in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Text(String),
    List(Vec<At<Node>>),
    Map(Vec<(At<String>, At<Node>)>),
}

impl Node {
    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&At<Node>> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k.value == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Reads `text` as one document within the loader's limits, allowing up to `max_bytes`.
pub fn tree(text: &str, max_bytes: usize) -> Result<At<Node>, YamlError> {
    yaml::from_str_within(text, max_bytes)
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Node, E> {
        Ok(Node::Bool(b))
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Node, E> {
        Ok(Node::Int(n.into()))
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Node, E> {
        Ok(Node::Int(n.into()))
    }
    fn visit_i128<E: de::Error>(self, n: i128) -> Result<Node, E> {
        Ok(Node::Int(n))
    }
    fn visit_u128<E: de::Error>(self, n: u128) -> Result<Node, E> {
        Ok(i128::try_from(n).map_or(Node::Float(n as f64), Node::Int))
    }
    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Node, E> {
        Ok(Node::Float(n))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Node, E> {
        Ok(Node::Text(s.to_owned()))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<Node, E> {
        Ok(Node::Text(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<At<Node>>()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<At<String>>()? {
            entries.push((key, map.next_value::<At<Node>>()?));
        }
        Ok(Node::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(n: &At<Node>) -> (usize, usize) {
        (n.line, n.column)
    }

    #[test]
    fn every_node_and_key_has_its_position() {
        let text = "bank: a\nquestions:\n  - id: x\n    options: [甲, 1982, 2.5]\n    ok: true\n";
        let root = tree(text, 1024).unwrap();
        let Node::Map(top) = &root.value else {
            panic!("{root:?}")
        };
        assert_eq!(
            (top[1].0.value.as_str(), at_key(&top[1].0)),
            ("questions", (2, 1))
        );
        let q = &root.get("questions").unwrap();
        let Node::List(items) = &q.value else {
            panic!()
        };
        assert_eq!(at(&items[0]), (3, 5));
        let options = items[0].get("options").unwrap();
        assert_eq!(at(options), (4, 14));
        let Node::List(o) = &options.value else {
            panic!()
        };
        let values: Vec<&Node> = o.iter().map(|n| &n.value).collect();
        assert_eq!(
            values,
            [
                &Node::Text("甲".into()),
                &Node::Int(1982),
                &Node::Float(2.5)
            ]
        );
        assert_eq!(at(&o[1]), (4, 18));
        assert_eq!(items[0].get("ok").unwrap().value, Node::Bool(true));
    }

    fn at_key(k: &At<String>) -> (usize, usize) {
        (k.line, k.column)
    }

    #[test]
    fn non_text_keys_and_nulls() {
        let root = tree("1: a\ntrue: ~\nx:\n", 1024).unwrap();
        let Node::Map(top) = &root.value else {
            panic!()
        };
        let keys: Vec<&str> = top.iter().map(|(k, _)| k.value.as_str()).collect();
        assert_eq!(keys, ["1", "true", "x"]);
        assert_eq!(top[1].1.value, Node::Null);
        assert_eq!(top[2].1.value, Node::Null);
    }
}
