//! A small sort for code that ships to the browser.
//!
//! The standard library's sorts are fast but large: every call site with its own element
//! type and comparison instantiates several kilobytes of code, and the app had twenty of
//! them (about 40 KB of WebAssembly). Heapsort is a few hundred bytes per instance,
//! in place, O(n log n) in the worst case, and fast enough for every list the app sorts.
//! It is not stable, so callers give total orders (with a final tie-breaker).

/// Sort `v` so that no element is `less` than the one before it.
pub fn sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    let n = v.len();
    if n < 2 {
        return;
    }
    let mut sift = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[root], &v[child]) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    for start in (0..n / 2).rev() {
        sift(v, start, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

/// Sort by a key.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a) < key(b));
}

/// Sort values that are `Ord`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, |a, b| a < b);
}

/// `x` limited to `lo..=hi` (`lo` wins if they cross). Unlike `f64::clamp` it never
/// panics, and it does not bring float formatting (its panic message) into the app.
pub fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    x.min(hi).max(lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamp_never_panics() {
        assert_eq!(clamp(5.0, 0.0, 3.0), 3.0);
        assert_eq!(clamp(-1.0, 0.0, 3.0), 0.0);
        assert_eq!(clamp(1.0, 3.0, 0.0), 3.0, "crossed bounds: lo wins");
        let n = clamp(f64::NAN, 0.0, 3.0);
        assert!((0.0..=3.0).contains(&n), "NaN gives a bound, not NaN");
    }
    use crate::synth::Rng;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut rng = Rng::new(3);
        for n in [0, 1, 2, 3, 10, 100, 1000] {
            let mut a: Vec<u64> = (0..n).map(|_| rng.next_u64() % 50).collect();
            let mut b = a.clone();
            sort(&mut a);
            b.sort();
            assert_eq!(a, b);
        }
        let mut v = vec![(2, 'b'), (1, 'z'), (2, 'a')];
        sort_by_key(&mut v, |x| (std::cmp::Reverse(x.0), x.1));
        assert_eq!(v, [(2, 'a'), (2, 'b'), (1, 'z')]);
    }
}
