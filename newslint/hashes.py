"""blake2b, the one hash newslint uses (cache keys, content digests, line keys).

hashlib's blake2b is _blake2's own (hashlib never takes it from OpenSSL); importing hashlib also
loads and initialises OpenSSL for its other algorithms, about 2 ms of a one-file run's 0.1 s."""
try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter built without it
    from hashlib import blake2b

__all__ = ["blake2b"]
