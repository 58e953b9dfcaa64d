//! Work on a slice split over the machine's cores, its results kept in order.

/// `work(start, chunk)` for consecutive chunks of `items`, one per core,
/// each of at least `min_chunk` items (so a short slice is one chunk, worked
/// on this thread); `start` is the chunk's first index in `items`. The
/// results come in the chunks' order.
pub(crate) fn chunks<T: Sync, R: Send>(
    items: &[T],
    min_chunk: usize,
    work: impl Fn(usize, &[T]) -> R + Sync,
) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let count = cores.min(items.len() / min_chunk.max(1)).max(1);
    let size = items.len().div_ceil(count).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        let others: Vec<_> = items
            .chunks(size)
            .enumerate()
            .skip(1)
            .map(|(index, chunk)| scope.spawn(move || work(index * size, chunk)))
            .collect();
        let mut results = Vec::with_capacity(count);
        results.push(work(0, &items[..size.min(items.len())]));
        for other in others {
            results.push(
                other
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        results
    })
}

#[cfg(test)]
mod tests {
    use super::chunks;

    #[test]
    fn every_item_is_worked_on_once_in_order() {
        for len in [0, 1, 7, 100, 1001] {
            let items: Vec<usize> = (0..len).collect();
            let seen: Vec<usize> = chunks(&items, 10, |start, chunk| {
                assert_eq!(chunk.first().copied(), (!chunk.is_empty()).then_some(start));
                chunk.to_vec()
            })
            .concat();
            assert_eq!(seen, items);
        }
    }

    #[test]
    fn a_short_slice_is_one_chunk() {
        let items = [1, 2, 3];
        assert_eq!(chunks(&items, 4, |_, chunk| chunk.len()), [3]);
    }
}
