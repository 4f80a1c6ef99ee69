//! The grids a legacy Excel workbook (.xls, BIFF8 in an OLE compound file) makes calamine
//! allocate, checked before calamine opens it.
//!
//! calamine reads every sheet of an .xls file when it opens it, and turns each sheet's cells
//! into a dense grid from the smallest to the largest row and column it saw (and reserves room
//! for the used range a `DIMENSIONS` record declares). Two cells at A1 and IV65536, or a
//! declared range of 4 billion rows, in a file of a few KB would take gigabytes (found by the
//! `xlsx` fuzz target). So the workbook stream is read here first, the way calamine reads it
//! (each sheet from the position its `BOUNDSHEET` record gives), and a sheet whose grid would
//! hold more than [`Limits::max_cells`] cells is refused with an error naming the file. A file
//! this scan cannot follow is left to calamine, which reports it.

use crate::error::{Error, Location, Result};
use crate::limits::Limits;

const OLE_SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// Sector ids from here up are markers (end of chain, free, FAT, DIFAT), not sectors.
const LAST_SECTOR: u32 = 0xFFFF_FFF9;

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

/// The sectors of an OLE compound file and its allocation table.
struct Compound<'a> {
    bytes: &'a [u8],
    sector_size: usize,
    fat: Vec<u32>,
    /// No chain can be longer than the file has sectors (a longer one loops).
    max_sectors: usize,
}

impl<'a> Compound<'a> {
    fn new(bytes: &'a [u8]) -> Option<Self> {
        if !bytes.starts_with(OLE_SIGNATURE) {
            return None;
        }
        let sector_size = match u16_at(bytes, 0x1E)? {
            9 => 512,
            12 => 4096,
            _ => return None,
        };
        let max_sectors = bytes.len() / sector_size + 1;
        let mut compound = Compound {
            bytes,
            sector_size,
            fat: Vec::new(),
            max_sectors,
        };
        // The sectors of the FAT: 109 in the header, the rest in the DIFAT chain.
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|k| u32_at(bytes, 0x4C + 4 * k))
            .collect();
        let mut difat = u32_at(bytes, 0x44)?;
        let per_sector = sector_size / 4 - 1;
        let mut hops = 0;
        while difat <= LAST_SECTOR && hops <= max_sectors {
            let sector = compound.sector(difat)?;
            fat_sectors.extend((0..per_sector).filter_map(|k| u32_at(sector, 4 * k)));
            difat = u32_at(sector, 4 * per_sector)?;
            hops += 1;
        }
        let mut fat = Vec::new();
        for id in fat_sectors
            .into_iter()
            .filter(|&id| id <= LAST_SECTOR)
            .take(max_sectors)
        {
            let sector = compound.sector(id)?;
            fat.extend((0..sector.len() / 4).filter_map(|k| u32_at(sector, 4 * k)));
        }
        compound.fat = fat;
        Some(compound)
    }

    /// Sector `id` (the last one of the file may be short).
    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let start = (id as usize)
            .checked_add(1)?
            .checked_mul(self.sector_size)?;
        let end = start.saturating_add(self.sector_size).min(self.bytes.len());
        self.bytes.get(start..end)
    }

    /// The bytes of the chain of sectors from `start` in `table`, `sector` giving each one;
    /// `Err(Looped)` for a chain longer than the file has sectors, which can only be a loop
    /// (calamine follows such a chain until memory runs out).
    fn chain(
        &self,
        start: u32,
        table: &[u32],
        sector: impl Fn(u32) -> Option<&'a [u8]>,
    ) -> std::result::Result<Vec<u8>, Looped> {
        let mut out = Vec::new();
        let mut id = start;
        let mut hops = 0;
        while id <= LAST_SECTOR {
            if hops > self.max_sectors {
                return Err(Looped);
            }
            let Some(data) = sector(id) else { break };
            out.extend_from_slice(data);
            let Some(&next) = table.get(id as usize) else {
                break;
            };
            id = next;
            hops += 1;
        }
        Ok(out)
    }

    /// The stream named `Workbook` (or `Book`, as calamine looks for it), `Ok(None)` if it
    /// cannot be found; `Err(Looped)` if a chain calamine reads on the way loops.
    fn workbook(&self) -> std::result::Result<Option<Vec<u8>>, Looped> {
        let big = |id| self.sector(id);
        let header = |at| u32_at(self.bytes, at).unwrap_or(END_OF_CHAIN);
        let directory = self.chain(header(0x30), &self.fat, big)?;
        // calamine loads the mini stream and the mini FAT when it opens the file.
        let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
        let Some(root) = entries.first() else {
            return Ok(None);
        };
        let mini_stream = self.chain(u32_at(root, 0x74).unwrap_or(END_OF_CHAIN), &self.fat, big)?;
        let mini_fat: Vec<u32> = {
            let bytes = self.chain(header(0x3C), &self.fat, big)?;
            (0..bytes.len() / 4)
                .filter_map(|k| u32_at(&bytes, 4 * k))
                .collect()
        };
        self.find_workbook(&entries, &mini_stream, &mini_fat)
    }

    fn find_workbook(
        &self,
        entries: &[&[u8]],
        mini_stream: &[u8],
        mini_fat: &[u32],
    ) -> std::result::Result<Option<Vec<u8>>, Looped> {
        let big = |id| self.sector(id);
        let entry = ["Workbook", "Book"].iter().find_map(|want| {
            entries.iter().find(|e| {
                let len = usize::from(u16_at(e, 0x40).unwrap_or(0)).min(64);
                let units: Vec<u16> = (0..len / 2)
                    .filter_map(|k| u16_at(e, 2 * k))
                    .take_while(|&u| u != 0)
                    .collect();
                e.get(0x42) == Some(&2) && String::from_utf16_lossy(&units) == *want
            })
        });
        let Some(entry) = entry else {
            return Ok(None);
        };
        let (Some(start), Some(size), Some(cutoff)) = (
            u32_at(entry, 0x74),
            u32_at(entry, 0x78),
            u32_at(self.bytes, 0x38),
        ) else {
            return Ok(None);
        };
        let size = size as usize;
        let mut data = if size < cutoff as usize {
            // In the mini stream (the root entry's data), 64-byte sectors chained by the mini FAT.
            let mini = |id: u32| {
                let at = (id as usize).checked_mul(64)?;
                mini_stream.get(at..at.checked_add(64)?.min(mini_stream.len()))
            };
            // The mini stream is owned here, so its sectors are copied out one by one.
            let mut out = Vec::new();
            let mut id = start;
            let mut hops = 0;
            while id <= LAST_SECTOR && hops <= mini_stream.len() / 64 + 1 {
                let Some(data) = mini(id) else { break };
                out.extend_from_slice(data);
                let Some(&next) = mini_fat.get(id as usize) else {
                    break;
                };
                id = next;
                hops += 1;
            }
            out
        } else {
            self.chain(start, &self.fat, big)?
        };
        data.truncate(size);
        Ok(Some(data))
    }
}

/// A sector chain of the compound file loops.
struct Looped;

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

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
    let Some(compound) = Compound::new(bytes) else {
        return Ok(());
    };
    let stream = match compound.workbook() {
        Ok(Some(stream)) => stream,
        Ok(None) => return Ok(()),
        Err(Looped) => {
            return Err(Error::input(
                Location::file(name),
                "a chain of sectors in the .xls file loops back on itself: expected an Excel \
                 workbook (the file is damaged; saving it again from Excel may help)",
            ));
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
        let stream = Compound::new(seed)
            .and_then(|c| c.workbook().ok().flatten())
            .unwrap();
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

    #[test]
    fn not_an_ole_file_is_left_to_calamine() {
        let limits = Limits::default();
        assert!(check_xls_grids("a.xls", b"PK\x03\x04", &limits).is_ok());
        assert!(check_xls_grids("a.xls", OLE_SIGNATURE, &limits).is_ok());
    }
}
