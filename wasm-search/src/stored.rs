//! A page's stored fields as read from the doc store: strings only.
//!
//! Every stored field of the index is text. Reading a document into
//! tantivy's `TantivyDocument` goes through its any-type value deserializer,
//! whose legacy JSON-object branch links serde_json's reader-based parser
//! and `serde_json::Value` into the wasm; asking for a string per value
//! reads the same bytes without it (docs/search-wasm-size.md).

use tantivy::schema::document::{
    DeserializeError, DocumentDeserialize, DocumentDeserializer, ValueDeserialize,
    ValueDeserializer,
};
use tantivy::schema::Field;

/// The stored values of one document, in stored order.
#[derive(Debug, Default)]
pub(crate) struct StoredFields(Vec<(Field, String)>);

impl StoredFields {
    /// The first value of `field`, or `""`.
    pub(crate) fn first(&self, field: Field) -> String {
        self.all(field).next().unwrap_or_default().to_string()
    }

    /// Every value of `field`, in stored order.
    pub(crate) fn all(&self, field: Field) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(move |(f, _)| *f == field)
            .map(|(_, value)| value.as_str())
    }
}

/// One stored value, which must be a string.
struct Text(String);

impl ValueDeserialize for Text {
    fn deserialize<'de, D>(deserializer: D) -> Result<Self, DeserializeError>
    where
        D: ValueDeserializer<'de>,
    {
        deserializer.deserialize_string().map(Text)
    }
}

impl DocumentDeserialize for StoredFields {
    fn deserialize<'de, D>(mut deserializer: D) -> Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let mut fields = Vec::with_capacity(deserializer.size_hint());
        while let Some((field, Text(value))) = deserializer.next_field::<Text>()? {
            fields.push((field, value));
        }
        Ok(StoredFields(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_and_all_keep_stored_order() {
        let (a, b) = (Field::from_field_id(0), Field::from_field_id(1));
        let doc = StoredFields(vec![(a, "x".into()), (b, "t1".into()), (b, "t2".into())]);
        assert_eq!(doc.first(a), "x");
        assert_eq!(doc.all(b).collect::<Vec<_>>(), ["t1", "t2"]);
        assert_eq!(doc.first(Field::from_field_id(2)), "");
    }
}
