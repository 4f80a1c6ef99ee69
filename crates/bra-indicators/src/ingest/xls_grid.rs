//! The grids a legacy Excel workbook (.xls, BIFF8 in an OLE compound file) makes calamine
//! allocate, checked before calamine opens it.
//!
//! calamine reads every sheet of an .xls file when it opens it, and turns each sheet's cells
//! into a dense grid from the smallest to the largest row and column it saw (and reserves room
//! for the used range a `DIMENSIONS` record declares). Two cells at A1 and IV65536, or a
//! declared range of 4 billion rows, in a file of a few KB would take gigabytes (found by the
//! `xlsx` fuzz target). So the workbook stream is read here first, the way calamine reads it
//! (each sheet from the position its `BOUNDSHEET` record gives), and a sheet whose grid would
//! hold more than [`Limits::max_cells`] cells is refused with an error naming the file.
//!
//! The stream is found by following the compound file exactly as calamine's `cfb` module
//! does (a port of its reading, not of the format's specification), because calamine follows
//! a chain of sectors until it ends or reaches the stream's declared length: a chain that loops
//! made it ask for gigabytes (the directory's chain has no length, so forever). A chain that
//! comes back to a sector, and a FAT listed in more sectors than the file has, are refused
//! here; a file on which calamine fails with an error is left to it, which reports it.

use crate::error::{Error, Location, Result};
use crate::limits::Limits;

const OLE_SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// calamine follows a DIFAT chain while the next id is below this.
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
/// calamine takes the DIFAT's entries below this as FAT sectors.
const DIFSECT: u32 = 0xFFFF_FFFC;
/// The only id that ends a chain for calamine.
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// calamine reads a stream shorter than this from the mini stream (whatever the header says).
const MINI_STREAM_CUTOFF: usize = 4096;

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

/// Why the compound file cannot be followed to its workbook stream.
enum Stop {
    /// calamine fails on it too, with an error (or a panic the library catches): it reports.
    Fails,
    /// A chain of sectors comes back to a sector it has been through before it ends: calamine
    /// would follow it until the stream's declared length (for the directory, forever).
    Looped,
    /// The FAT is said to be in more sectors than the file has: calamine would read each of
    /// them, as often as listed, into memory.
    OversizedFat,
}

/// The reader calamine's compound-file code reads from: the file, read front to back, whose
/// position both kinds of sectors below share (as calamine's do).
struct File<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl File<'_> {
    fn read(&mut self, buf: &mut [u8]) -> usize {
        let rest = self.bytes.get(self.pos..).unwrap_or(&[]);
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.pos += n;
        n
    }
}

/// Sectors as calamine's `cfb::Sectors` keeps them: filled from the file on demand, in the
/// order asked for, padded with zeros past the end. Ported from calamine 0.38 (`src/cfb.rs`,
/// MIT) so that the chains below are the ones calamine follows, byte for byte.
struct Sectors {
    data: Vec<u8>,
    size: usize,
    maxid: u32,
}

impl Sectors {
    fn get(&mut self, id: u32, file: &mut File) -> Result<&[u8], Stop> {
        if self.maxid < id {
            return Err(Stop::Fails);
        }
        let start = id as usize * self.size;
        let end = start + self.size;
        if end > self.data.len() {
            let mut len = self.data.len();
            self.data.resize(end, 0);
            while len < end {
                let read = file.read(&mut self.data[len..end]);
                if read == 0 {
                    // calamine panics (slice start past its end) when the file ends before.
                    return self.data.get(start..len).ok_or(Stop::Fails);
                }
                len += read;
            }
        }
        Ok(&self.data[start..end])
    }

    /// The chain from `id` up to `len` bytes, as calamine reads it (it stops only at
    /// END_OF_CHAIN or `len`); [`Stop::Looped`] once it has taken more steps than there are
    /// sectors, which can only be by coming back to one.
    fn chain(
        &mut self,
        mut id: u32,
        fats: &[u32],
        file: &mut File,
        len: usize,
    ) -> Result<Vec<u8>, Stop> {
        let mut chain = Vec::new();
        let mut steps = 0usize;
        while id != END_OF_CHAIN {
            let sector = self.get(id, file)?;
            let take = sector.len().min(len - chain.len());
            chain.extend_from_slice(&sector[..take]);
            if chain.len() >= len {
                break;
            }
            // calamine indexes without a check (a panic, caught: it fails).
            id = *fats.get(id as usize).ok_or(Stop::Fails)?;
            steps += 1;
            if steps > self.maxid as usize + 1 {
                return Err(Stop::Looped);
            }
        }
        Ok(chain)
    }
}

/// Little-endian u32s, as calamine's `to_u32` (which asserts a multiple of four bytes).
fn to_u32(bytes: &[u8]) -> Result<impl Iterator<Item = u32> + '_, Stop> {
    if !bytes.len().is_multiple_of(4) {
        return Err(Stop::Fails);
    }
    Ok(bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])))
}

/// A directory entry: its name as calamine decodes it, first sector and length.
struct Entry {
    name: String,
    start: u32,
    len: usize,
}

/// The workbook stream of an OLE compound file read as calamine's `Cfb::new` and
/// `get_stream("Workbook")` (then `"Book"`) read it; what stops calamine, or makes it loop,
/// otherwise.
fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, Stop> {
    let header = bytes.get(..512).ok_or(Stop::Fails)?;
    if !header.starts_with(OLE_SIGNATURE) {
        return Err(Stop::Fails);
    }
    let at = |i| u32_at(header, i).unwrap_or(0);
    let version = u16_at(header, 26).unwrap_or(0);
    let size = match u16_at(header, 30) {
        Some(0x09) => 512,
        // The rest of the first 4096-byte sector is read (and skipped) with the header.
        Some(0x0C) if bytes.len() >= 4096 => 4096,
        _ => return Err(Stop::Fails),
    };
    if u16_at(header, 32) != Some(6) {
        return Err(Stop::Fails);
    }
    let (dir_start, mini_fat_start, mini_fat_len, difat_start) =
        (at(48), at(60), at(64) as usize, at(68));
    let mut difat: Vec<u32> = to_u32(&header[76..512])?.collect();
    let mut file = File { bytes, pos: size };
    let maxid = bytes.len() / size;
    let mut sectors = Sectors {
        data: Vec::new(),
        size,
        maxid: u32::try_from(maxid).map_err(|_| Stop::Fails)?,
    };
    let mut id = difat_start;
    let mut difat_sectors = 0usize;
    while id < RESERVED_SECTORS {
        difat_sectors += 1;
        if difat_sectors > maxid + 1 {
            return Err(Stop::Fails);
        }
        difat.extend(to_u32(sectors.get(id, &mut file)?)?);
        id = difat.pop().ok_or(Stop::Fails)?;
    }
    // A FAT can only be in sectors the file has; calamine reads every one listed, each time
    // it is listed (a few KB of DIFAT can list the same sector millions of times).
    let fat_ids: Vec<u32> = difat.into_iter().filter(|&id| id < DIFSECT).collect();
    if fat_ids.len() > maxid + 1 {
        return Err(Stop::OversizedFat);
    }
    let mut fats = Vec::new();
    for id in fat_ids {
        fats.extend(to_u32(sectors.get(id, &mut file)?)?);
    }
    let directory = sectors.chain(dir_start, &fats, &mut file, usize::MAX)?;
    let entries: Vec<Entry> = directory
        .chunks_exact(128)
        .map(|e| {
            let mut name = encoding_rs::UTF_16LE.decode(&e[..64]).0.into_owned();
            if let Some(nul) = name.bytes().position(|b| b == 0) {
                name.truncate(nul);
            }
            let len = if size == 512 {
                u32_at(e, 120).map(|l| l as usize)
            } else {
                u32_at(e, 120).zip(u32_at(e, 124)).map(|(lo, hi)| {
                    usize::try_from(u64::from(lo) | (u64::from(hi) << 32)).unwrap_or(usize::MAX)
                })
            };
            Entry {
                name,
                start: u32_at(e, 116).unwrap_or(0),
                len: len.unwrap_or(0),
            }
        })
        .collect();
    let root = entries.first().ok_or(Stop::Fails)?;
    if version != 3 && root.start == END_OF_CHAIN {
        return Err(Stop::Fails);
    }
    let (mini_fats, mini_stream) = if mini_fat_len > 0 {
        let mini_stream = sectors.chain(root.start, &fats, &mut file, root.len)?;
        let mini_fat = sectors.chain(
            mini_fat_start,
            &fats,
            &mut file,
            mini_fat_len.saturating_mul(size),
        )?;
        let mini_fats: Vec<u32> = to_u32(&mini_fat)?.collect();
        (mini_fats, mini_stream)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut minis = Sectors {
        data: mini_stream,
        size: 64,
        maxid: u32::try_from(maxid * 8).map_err(|_| Stop::Fails)?,
    };
    let mut stream = |want: &str| -> Result<Vec<u8>, Stop> {
        let entry = entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(want))
            .ok_or(Stop::Fails)?;
        if entry.len < MINI_STREAM_CUTOFF {
            minis.chain(entry.start, &mini_fats, &mut file, entry.len)
        } else {
            sectors.chain(entry.start, &fats, &mut file, entry.len)
        }
    };
    match stream("Workbook") {
        // calamine tries `Book` after any error (a loop, it never comes back from).
        Err(Stop::Fails) => stream("Book"),
        other => other,
    }
}

/// A BIFF record: its type, the length of its data with any CONTINUE records after it (calamine
/// joins them), its own data, and where the next record starts.
struct Record<'a> {
    kind: u16,
    joined_len: usize,
    data: &'a [u8],
    next: usize,
}

fn record_at(stream: &[u8], at: usize) -> Option<Record<'_>> {
    let kind = u16_at(stream, at)?;
    let len = usize::from(u16_at(stream, at + 2)?);
    let data = stream.get(at + 4..at + 4 + len)?;
    let mut next = at + 4 + len;
    let mut joined_len = len;
    while u16_at(stream, next) == Some(0x003C) {
        let more = usize::from(u16_at(stream, next + 2).unwrap_or(0));
        joined_len += more;
        next += 4 + more;
    }
    Some(Record {
        kind,
        joined_len,
        data,
        next,
    })
}

/// The smallest and largest row and column seen.
#[derive(Default)]
struct Bounds(Option<(u32, u32, u32, u32)>);

impl Bounds {
    fn add(&mut self, row: u32, first_col: u32, last_col: u32) {
        self.0 = Some(match self.0 {
            None => (row, row, first_col, last_col),
            Some((r0, r1, c0, c1)) => (
                r0.min(row),
                r1.max(row),
                c0.min(first_col),
                c1.max(last_col),
            ),
        });
    }

    /// Rows, columns and cells of the grid calamine would allocate.
    fn size(&self) -> Option<(u64, u64, u64)> {
        let (r0, r1, c0, c1) = self.0?;
        let rows = u64::from(r1 - r0) + 1;
        let cols = u64::from(c1 - c0) + 1;
        Some((rows, cols, rows.saturating_mul(cols)))
    }
}

/// Refuses an .xls workbook with a sheet whose grid (from its cells, or the used range its
/// DIMENSIONS record declares) would hold more than [`Limits::max_cells`] cells, or whose
/// declared range is impossible (last row before the first). Not an OLE file, or one whose
/// workbook stream cannot be followed: left to calamine.
pub(super) fn check_xls_grids(name: &str, bytes: &[u8], limits: &Limits) -> Result<()> {
    if !bytes.starts_with(OLE_SIGNATURE) {
        return Ok(());
    }
    let damaged = |what: &str| {
        Err(Error::input(
            Location::file(name),
            format!(
                "{what}: expected an Excel workbook (the file is damaged; saving it again from \
                 Excel may help)"
            ),
        ))
    };
    let stream = match workbook_stream(bytes) {
        Ok(stream) => stream,
        Err(Stop::Fails) => return Ok(()),
        Err(Stop::Looped) => {
            return damaged("a chain of sectors in the .xls file loops back on itself");
        }
        Err(Stop::OversizedFat) => {
            return damaged(
                "the .xls file's allocation table is said to take more sectors than the file has",
            );
        }
    };
    // The sheets' positions, from the BOUNDSHEET records of the workbook globals.
    let mut sheets = Vec::new();
    let mut at = 0;
    while let Some(r) = record_at(&stream, at) {
        match r.kind {
            0x0085 => sheets.extend(u32_at(r.data, 0)),
            0x000A => break,
            _ => {}
        }
        at = r.next;
    }
    let max = limits.max_cells as u64;
    let refuse = |sheet: usize, what: String| {
        Err(Error::limit(
            Location::file(name),
            format!(
                "sheet {} of the workbook {what}, more than the limit of {max} cells: expected a \
                 table (a damaged .xls file?)",
                sheet + 1
            ),
            "max_cells",
        ))
    };
    for (k, &pos) in sheets.iter().enumerate() {
        let (mut cells, mut formulas) = (Bounds::default(), Bounds::default());
        let (mut seen_bof, mut depth) = (false, 0usize);
        let mut at = pos as usize;
        while let Some(r) = record_at(&stream, at) {
            at = r.next;
            if depth > 0 {
                match r.kind {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let row = u32::from(u16_at(r.data, 0).unwrap_or(0));
            let col = u32::from(u16_at(r.data, 2).unwrap_or(0));
            match r.kind {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                0x0200 => {
                    // As calamine reads it (its parse_dimensions).
                    let (rf, rl, mut cf, cl) = match r.data.len() {
                        10 => (
                            u32::from(u16_at(r.data, 0).unwrap_or(0)),
                            u32::from(u16_at(r.data, 2).unwrap_or(0)),
                            u32::from(u16_at(r.data, 4).unwrap_or(0)),
                            u32::from(u16_at(r.data, 6).unwrap_or(0)),
                        ),
                        14 | 16 => (
                            u32_at(r.data, 0).unwrap_or(0),
                            u32_at(r.data, 4).unwrap_or(0),
                            u32::from(u16_at(r.data, 8).unwrap_or(0)),
                            u32::from(u16_at(r.data, 10).unwrap_or(0)),
                        ),
                        _ => continue,
                    };
                    if cf > 0xFF || cl < cf {
                        cf = 0;
                    }
                    if rl >= 1 && cl >= 1 {
                        let (r1, c1) = (rl - 1, cl - 1);
                        if r1 < rf || c1 < cf {
                            return refuse(
                                k,
                                format!(
                                    "declares a used range that ends before it starts (rows {} \
                                     to {rl}, columns {} to {cl})",
                                    u64::from(rf) + 1,
                                    cf + 1
                                ),
                            );
                        }
                        let rows = u64::from(r1 - rf) + 1;
                        let cols = u64::from(c1 - cf) + 1;
                        if rows.saturating_mul(cols) > max {
                            return refuse(
                                k,
                                format!("declares a used range of {rows} rows × {cols} columns"),
                            );
                        }
                    }
                }
                // Number, Label, RString, BoolErr, Rk, LabelSst: one cell each.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD if r.data.len() >= 4 => {
                    cells.add(row, col, col)
                }
                // MulRk: a run of cells from `col`, six bytes each.
                0x00BD if r.joined_len >= 12 => {
                    let n = ((r.joined_len - 6) / 6) as u32;
                    cells.add(row, col, col.saturating_add(n - 1));
                }
                // Formula: its text, and maybe a value.
                0x0006 if r.data.len() >= 20 => {
                    cells.add(row, col, col);
                    formulas.add(row, col, col);
                }
                _ => {}
            }
        }
        for bounds in [&cells, &formulas] {
            if let Some((rows, cols, n)) = bounds.size()
                && n > max
            {
                return refuse(
                    k,
                    format!("has cells spanning {rows} rows × {cols} columns ({n} cells)"),
                );
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_join_continue_and_stop_at_a_short_record() {
        // A MulRk of 12 bytes with a CONTINUE of 6, then a record cut short.
        let mut s = vec![0xBD, 0x00, 12, 0];
        s.extend([0u8; 12]);
        s.extend([0x3C, 0x00, 6, 0]);
        s.extend([0u8; 6]);
        s.extend([0x03, 0x02, 14, 0, 1]);
        let r = record_at(&s, 0).unwrap();
        assert_eq!(
            (r.kind, r.data.len(), r.joined_len, r.next),
            (0x00BD, 12, 18, 26)
        );
        assert!(record_at(&s, r.next).is_none());
    }

    #[test]
    fn bounds_count_the_dense_grid() {
        let mut b = Bounds::default();
        assert!(b.size().is_none());
        b.add(0, 0, 0);
        b.add(65535, 255, 255);
        assert_eq!(b.size(), Some((65536, 256, 16_777_216)));
    }

    #[test]
    fn the_fuzzers_out_of_memory_workbook_is_refused() {
        // A Brå export like fuzz/seeds/xlsx/bra_export_kvartal.xls with a few bytes changed: a cell
        // far away made calamine allocate gigabytes for the sheet's grid.
        let bytes = include_bytes!(
            "../../../../tests/fuzz_regressions/xlsx/oom-db5e70a077678291ab21a731a534575814ee587c"
        );
        let limits = Limits {
            max_cells: 1_000_000,
            ..Limits::default()
        };
        let err = check_xls_grids("export.xls", bytes, &limits).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("export.xls"), "{text}");
        assert!(text.contains("sheet 1 of the workbook"), "{text}");
        assert!(
            text.contains("more than the limit of 1000000 cells"),
            "{text}"
        );
        // The seed it came from passes.
        let seed = include_bytes!("../../../../fuzz/seeds/xlsx/bra_export_kvartal.xls");
        assert!(check_xls_grids("export.xls", seed, &limits).is_ok());
        // And the stream is found (the check is not vacuous on a real export).
        let stream = workbook_stream(seed).ok().unwrap();
        assert_eq!(u16_at(&stream, 0), Some(0x0809));
    }

    #[test]
    fn a_looping_sector_chain_is_refused() {
        // Found by the xlsx target: the directory chain loops, and calamine followed it until
        // it asked for 4 GB.
        let bytes = include_bytes!(
            "../../../../tests/fuzz_regressions/xlsx/oom-730d3ca1680d6cd1f024bd9b937f4e097f9d8fff"
        );
        let err = check_xls_grids("export.xls", bytes, &Limits::default()).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("export.xls"), "{text}");
        assert!(text.contains("loops back on itself"), "{text}");
    }

    const FREE: u32 = 0xFFFF_FFFF;

    /// A compound file of 512-byte sectors: the header (FAT in sector 0, directory from
    /// `dir_start`), the FAT (`links`: (sector, next) on top of sector 0 = FATSECT, 1 = end of
    /// chain), the directory in sector 1 (the root, then `(name, type, start, size)`), and
    /// `data` sectors of zeros.
    fn compound(
        dir_start: u32,
        links: &[(usize, u32)],
        entries: &[(&str, u8, u32, u32)],
        data: usize,
    ) -> Vec<u8> {
        let mut header = vec![0u8; 512];
        header[..8].copy_from_slice(OLE_SIGNATURE);
        let put =
            |b: &mut Vec<u8>, at: usize, v: u32| b[at..at + 4].copy_from_slice(&v.to_le_bytes());
        header[24] = 0x3E;
        header[26] = 3;
        header[28..30].copy_from_slice(&[0xFE, 0xFF]);
        header[30] = 9;
        header[32] = 6;
        put(&mut header, 44, 1);
        put(&mut header, 48, dir_start);
        put(&mut header, 56, 4096);
        put(&mut header, 60, END_OF_CHAIN);
        put(&mut header, 68, END_OF_CHAIN);
        put(&mut header, 76, 0);
        for k in 1..109 {
            put(&mut header, 76 + 4 * k, FREE);
        }
        let mut fat = vec![FREE; 128];
        fat[0] = 0xFFFF_FFFD;
        fat[1] = END_OF_CHAIN;
        for &(i, next) in links {
            fat[i] = next;
        }
        let mut file = header;
        file.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
        let mut directory = vec![0u8; 512];
        let root = ("Root Entry", 5u8, END_OF_CHAIN, 0u32);
        for (k, (name, kind, start, size)) in std::iter::once(root)
            .chain(entries.iter().copied())
            .enumerate()
        {
            let e = &mut directory[128 * k..128 * (k + 1)];
            let units: Vec<u16> = name.encode_utf16().collect();
            for (j, u) in units.iter().enumerate() {
                e[2 * j..2 * j + 2].copy_from_slice(&u.to_le_bytes());
            }
            e[0x40..0x42].copy_from_slice(&(2 * (units.len() as u16 + 1)).to_le_bytes());
            e[0x42] = kind;
            e[0x74..0x78].copy_from_slice(&start.to_le_bytes());
            e[0x78..0x7C].copy_from_slice(&size.to_le_bytes());
        }
        file.extend(directory);
        file.extend(vec![0u8; 512 * data]);
        file
    }

    fn refused(bytes: &[u8]) -> String {
        match check_xls_grids("damaged.xls", bytes, &Limits::default()) {
            Err(e) => e.to_string(),
            Ok(()) => "accepted".to_string(),
        }
    }

    #[test]
    fn a_chain_is_followed_as_calamine_follows_it() {
        // A workbook stream of 4200 bytes in sectors 2 to 10.
        let links: Vec<(usize, u32)> = (2..10).map(|i| (i, i as u32 + 1)).collect();
        let ok = compound(
            1,
            &[links.as_slice(), &[(10, END_OF_CHAIN)]].concat(),
            &[("Workbook", 2, 2, 4200)],
            9,
        );
        assert_eq!(refused(&ok), "accepted");
        assert_eq!(workbook_stream(&ok).ok().map(|s| s.len()), Some(4200));
        // The directory's own chain loops.
        let looped = compound(1, &[(1, 1)], &[], 0);
        assert!(
            refused(&looped).contains("loops back on itself"),
            "{}",
            refused(&looped)
        );
        // The workbook's chain loops and its declared length is 2 GB. calamine finds the
        // stream whatever the case of its name or its entry's type (the earlier scan did not),
        // and takes a stream of 4096 bytes or more from the big sectors whatever cutoff the
        // header declares (the earlier scan went by the header).
        for (name, kind, cutoff) in [
            ("Workbook", 2, 4096),
            ("WORKBOOK", 2, 4096),
            ("workbook", 1, 4096),
            ("Book", 2, 4096),
            ("Workbook", 2, u32::MAX),
        ] {
            let mut bytes = compound(1, &[(2, 3), (3, 2)], &[(name, kind, 2, 0x7FFF_0000)], 2);
            bytes[56..60].copy_from_slice(&cutoff.to_le_bytes());
            let text = refused(&bytes);
            assert!(
                text.starts_with("damaged.xls: a chain of sectors"),
                "{name}: {text}"
            );
        }
        // A loop that the declared length ends first is what calamine reads, not refused.
        let short = compound(1, &[(2, 3), (3, 2)], &[("Workbook", 2, 2, 4096)], 6);
        assert_eq!(workbook_stream(&short).ok().map(|s| s.len()), Some(4096));
    }

    #[test]
    fn a_fat_listed_in_more_sectors_than_the_file_has_is_refused() {
        // Every DIFAT entry of the header names sector 0: calamine would read it 109 times.
        let mut bytes = compound(1, &[], &[("Workbook", 2, 2, 100)], 1);
        for k in 0..109 {
            bytes[76 + 4 * k..80 + 4 * k].copy_from_slice(&0u32.to_le_bytes());
        }
        let text = refused(&bytes);
        assert!(text.contains("allocation table"), "{text}");
    }

    #[test]
    fn not_an_ole_file_is_left_to_calamine() {
        let limits = Limits::default();
        assert!(check_xls_grids("a.xls", b"PK\x03\x04", &limits).is_ok());
        assert!(check_xls_grids("a.xls", OLE_SIGNATURE, &limits).is_ok());
    }
}
