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

/// Standard base64 with padding (RFC 4648), as subresource integrity writes a hash.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let n = group
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= group.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Insertion sort: stable, and O(n + inversions), so the right sort for input that is
/// already nearly in order (marks produced in time order, a few of them displaced).
pub fn sort_nearly_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// `v` in order of `x` rounded down to whole units (a stable counting sort, O(n + range)):
/// for positions in pixels, where order within a pixel does not matter. `x` outside
/// `lo..hi` counts as the nearest end.
pub fn by_unit<T>(v: Vec<T>, x: impl Fn(&T) -> f64, lo: f64, hi: f64) -> Vec<T> {
    let n = clamp(hi - lo, 0.0, 1e6) as usize + 1;
    let slot = |t: &T| (clamp(x(t) - lo, 0.0, n as f64 - 1.0)) as usize;
    let mut start = vec![0usize; n + 1];
    for t in &v {
        start[slot(t) + 1] += 1;
    }
    for i in 1..=n {
        start[i] += start[i - 1];
    }
    let mut out: Vec<Option<T>> = Vec::new();
    out.resize_with(v.len(), || None);
    for t in v {
        let k = slot(&t);
        out[start[k]] = Some(t);
        start[k] += 1;
    }
    out.into_iter().flatten().collect()
}

/// `x` limited to `lo..=hi` (`lo` wins if they cross). Unlike `f64::clamp` it never
/// panics, and it does not bring float formatting (its panic message) into the app.
pub fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    x.min(hi).max(lo)
}

/// Slug a name into an id: lowercase ASCII, accents stripped, other runs become `-`.
pub fn slug(s: &str) -> String {
    let folded = crate::search::fold(s);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// splitmix64: small, fast, good enough for test data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// A file's subresource integrity (`sha256-` and its hash in base64), checked by the
/// browser's fetch.
pub fn integrity(sha256: &[u8; 32]) -> String {
    format!("sha256-{}", base64(sha256))
}

/// A content-addressed file's path: `folder`, 16 hex digits of its hash, `.bin`.
pub fn hashed_path(folder: &str, sha256: &[u8; 32]) -> String {
    let mut s = String::from(folder);
    for b in &sha256[..8] {
        s.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        s.push(char::from_digit(u32::from(b & 15), 16).unwrap_or('0'));
    }
    s.push_str(".bin");
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_as_rfc_4648_writes_it() {
        for (raw, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(super::base64(raw.as_bytes()), enc);
        }
        assert_eq!(super::base64(&[0xfb, 0xff]), "+/8=");
    }

    use super::*;

    #[test]
    fn clamp_never_panics() {
        assert_eq!(clamp(5.0, 0.0, 3.0), 3.0);
        assert_eq!(clamp(-1.0, 0.0, 3.0), 0.0);
        assert_eq!(clamp(1.0, 3.0, 0.0), 3.0, "crossed bounds: lo wins");
        let n = clamp(f64::NAN, 0.0, 3.0);
        assert!((0.0..=3.0).contains(&n), "NaN gives a bound, not NaN");
    }
    use super::Rng;

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
        for n in [0, 1, 2, 50, 500] {
            let mut a: Vec<u64> = (0..n).map(|_| rng.next_u64() % 50).collect();
            let mut b = a.clone();
            sort_nearly_by(&mut a, |x, y| x < y);
            b.sort();
            assert_eq!(a, b);
        }
        let mut v = vec![(2, 'b'), (1, 'z'), (2, 'a')];
        sort_by_key(&mut v, |x| (std::cmp::Reverse(x.0), x.1));
        assert_eq!(v, [(2, 'a'), (2, 'b'), (1, 'z')]);
    }

    #[test]
    fn orders_by_whole_units_stably() {
        let v = vec![
            (3.7, 'a'),
            (-5.0, 'b'),
            (1.2, 'c'),
            (3.1, 'd'),
            (99.0, 'e'),
            (1.9, 'f'),
        ];
        let o = by_unit(v, |p| p.0, 0.0, 10.0);
        let names: String = o.iter().map(|p| p.1).collect();
        assert_eq!(
            names, "bcfade",
            "same unit keeps input order; outside goes to the ends"
        );
        assert!(by_unit(Vec::<(f64, char)>::new(), |p| p.0, 0.0, 10.0).is_empty());
        let nan = by_unit(vec![f64::NAN, 2.0], |x| *x, 0.0, 5.0);
        assert_eq!(nan.len(), 2, "NaN is kept, never lost");
    }
}
