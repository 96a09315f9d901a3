//! A stable insertion sort for the few items a query sorts (a phrase's terms, its
//! postings by cost, a snippet's marks, a document's positions of one character).
//!
//! Every call of the standard library's sorts with its own element type or closure
//! compiles its own copy of the sort into the browser's wasm, several KB each;
//! this one is a few hundred bytes a copy. Lists of some thousands of items (a
//! search's matches) keep the standard sort.

/// Sorts `list` by `key`, keeping equal items in their order.
pub(crate) fn sort_few_by_key<T, K: PartialOrd>(list: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..list.len() {
        let mut j = i;
        while j > 0 && key(&list[j - 1]) > key(&list[j]) {
            list.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_by_key() {
        let mut list = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_few_by_key(&mut list, |&(k, _)| k);
        assert_eq!(list, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: [u32; 0] = [];
        sort_few_by_key(&mut empty, |&x| x);
        let mut many: Vec<u32> = (0..200).map(|i| (i * 7919) % 211).collect();
        let mut expected = many.clone();
        expected.sort();
        sort_few_by_key(&mut many, |&x| x);
        assert_eq!(many, expected);
    }
}
