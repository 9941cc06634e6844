//! The input stage of rasd. Its one job: turn files, directories and JSONL into [`Document`]s, and
//! mark the page-furniture lines of a text (menus, "most read" lists, "read also" links, counters,
//! comment boxes, agency sign-offs…) from which no event may be coded.
//!
//! * [`read_paths`] walks files and directories (recursively, sorted) and yields one
//!   [`Document`] per text file or JSONL record; [`read_jsonl`] reads JSONL records from any reader;
//!   a [`Manifest`] supplies ids, outlets, urls and publication dates for files.
//! * [`classify_lines`] splits a text into [`Line`]s (character offsets) and marks each line that is
//!   page furniture with its [`Furniture`] kind.

//! * [`html`] extracts a page's main text and metadata (title, publication date from meta tags and
//!   JSON-LD, canonical URL, outlet, charset); [`warc`] streams the HTML responses of WARC
//!   archives (plain or gzip per record); [`feed`] parses RSS/Atom/JSON feeds and fetches URLs
//!   with a timeout, a size cap and a polite User-Agent. [`read_paths`] uses them for `.html`,
//!   `.warc`, `.warc.gz` and feed files; [`arabic_ratio`] tells an Arabic text from another.
//! * [`testing`] wraps plain texts as realistic news pages, WARC archives and feeds, and serves
//!   them on 127.0.0.1, for tests and benchmarks.
//!
//! Bad input never panics: a file that cannot be read or decoded yields a [`ReadError`] naming it,
//! and the iteration goes on with the next file or record.
#![deny(missing_docs)]

pub mod feed;
mod furniture;
pub mod html;
mod input;
mod lexicon;
pub mod testing;
pub mod warc;

pub use furniture::{classify_lines, Furniture, Line};
pub use html::arabic_ratio;
pub use input::{
    decode_bytes, read_jsonl, read_paths, text_id, Decoded, Document, Entry, Manifest, ReadError,
};
