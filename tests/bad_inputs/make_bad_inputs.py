#!/usr/bin/env python3
"""Writes the bad-input corpus: one broken file per case, and cases.toml, which says how each
file is fed to `bra`, what is wrong with it and what the error message must say.

Standard library only, deterministic: run it again and the files come out byte for byte the
same. The three cases too large to commit (a header of 10^6 columns, a 100 MB line, a sheet
spanning the whole grid of Excel) are written by the test itself (`generate = ...`).

    python3 tests/bad_inputs/make_bad_inputs.py

The test is tests/it/bad_inputs.rs: every case must exit with code 1, print every `expect`
string on stderr, never print `panicked`, and leave no output file behind.
"""

import io
import json
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = []

COUNTS = "area,period,indicator,count\n"
GOOD_ROWS = "1982,2019,brott.totalt,1480\n1982,2020,brott.totalt,1577\n"


def case(file, kind, defect, expect, data=None, generate=None):
    """One case: `data` is written to `file` (or the test generates it, `generate`)."""
    if data is not None:
        with open(os.path.join(HERE, file), "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    CASES.append((file, kind, defect, expect, generate))


def xlsx(sheet_xml, extra=None):
    """A minimal .xlsx: one sheet, inline strings (no shared strings), fixed timestamps."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    parts.update(extra or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text if isinstance(text, bytes) else text.encode("utf-8"))
    return buf.getvalue()


def sheet(rows):
    """Sheet XML from rows of (reference, value) cells."""
    out = []
    for cells in rows:
        r = "".join(
            f'<c r="{ref}"><v>{v}</v></c>' if isinstance(v, (int, float))
            else f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'
            for ref, v in cells
        )
        out.append(f"<row>{r}</row>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(out)}</sheetData></worksheet>"
    )


def px(*, stub_values=('"1982 Fagersta"', '"1983 Hallstahammar"'), years=('"2019"', '"2020"'),
       data="13391 13400 15000 15100", extra="", charset='CHARSET="ANSI";\n'):
    return (
        f'{charset}AXIS-VERSION="2010";\nLANGUAGE="sv";\nCONTENTS="Folkmängd";\n'
        'UNITS="antal";\nSTUB="region";\nHEADING="år";\n'
        f'VALUES("region")={",".join(stub_values)};\n'
        f'VALUES("år")={",".join(years)};\n'
        f'{extra}DATA=\n{data};\n'
    )


def jsonstat(size=(2, 2), values=(13391, 13400, 15000, 15100), ids=("Region", "Tid"), index=None):
    return json.dumps({
        "version": "2.0", "class": "dataset", "label": "Folkmängd",
        "id": list(ids), "size": list(size),
        "dimension": {
            "Region": {"label": "region", "category": {"index": index or {"1982": 0, "1983": 1},
                                                        "label": {"1982": "Fagersta", "1983": "Hallstahammar"}}},
            "Tid": {"label": "år", "category": {"index": {"2019": 0, "2020": 1}}},
        },
        "value": list(values),
    }, ensure_ascii=False)


def kolada(values):
    return json.dumps({"count": len(values), "values": values}, ensure_ascii=False)


def kolada_row(period=2022, value=12.5, municipality="1982", kpi="N07540"):
    return {"kpi": kpi, "municipality": municipality, "period": period,
            "values": [{"count": 1, "gender": "T", "status": "", "value": value}]}


GOAL = """data = ["../../data/samples/rates.csv"]

[[goal]]
id = "bostadsinbrott"
title = "Färre bostadsinbrott"
focus_area = "disorder-and-unsafety"
level = "universal"
indicator = "brott.bostadsinbrott"
area = "Fagersta"
baseline = { period = "2019" }
target = TARGET
deadline = DEADLINE
owner = "Kommunpolisen"
"""


def goals(target='{ change_percent = -30 }', deadline='"2026"', extra=""):
    return GOAL.replace("TARGET", target).replace("DEADLINE", deadline) + extra


REPORT = """title = "Uppföljning"
area = AREA
benchmarks = ["Västmanlands län", "Riket"]
[data]
counts = COUNTS
population = "../../data/samples/population.csv"
"""


def report(area='"Fagersta"', counts='"../../data/samples/counts.csv"', extra=""):
    return REPORT.replace("AREA", area).replace("COUNTS", counts) + extra


def main():
    # --- Delimited text: counts (bra rates --counts FILE) -----------------------------------
    case("csv_truncated.csv", "counts", "the file stops inside its last row, no final newline",
         ["csv_truncated.csv:4:", "expected 4 fields", "truncated?"],
         COUNTS + GOOD_ROWS + "1982,2021,brott.tot")
    case("csv_utf16_no_bom.csv", "counts", "UTF-16LE without a byte-order mark (NUL bytes)",
         ["csv_utf16_no_bom.csv:1:", "UTF-16 text without a byte-order mark"],
         (COUNTS + GOOD_ROWS).encode("utf-16-le"))
    case("csv_binary_garbage.csv", "counts", "4 KiB of pseudo-random bytes",
         ["csv_binary_garbage.csv:1:", "NUL bytes: expected a text (CSV) file"],
         bytes((i * 7919 + 13) * 104729 % 256 for i in range(4096)))
    case("csv_bom_in_middle.csv", "counts",
         "two exports joined: a second header with a byte-order mark on line 4",
         ["csv_bom_in_middle.csv:4:", "the header row comes again", "joined"],
         ("\ufeff" + COUNTS + GOOD_ROWS + "\ufeff" + COUNTS + "1980,2020,brott.totalt,3\n"))
    case("csv_quote_open.csv", "counts", "a quote opens on line 3 and never closes",
         ["csv_quote_open.csv:3:", "a quote (\") left open?"],
         COUNTS + '1982,2019,brott.totalt,1480\n1982,2020,"brott.totalt,1577\n1982,2021,brott.totalt,1600\n')
    case("csv_nan_count.csv", "counts", "count is NaN",
         ['csv_nan_count.csv:3: column "count"', 'expected a number, found "NaN"'],
         COUNTS + "1982,2019,brott.totalt,1480\n1982,2020,brott.totalt,NaN\n")
    case("csv_inf_count.csv", "counts", "count is inf",
         ['csv_inf_count.csv:2: column "count"', 'expected a number, found "inf"'],
         COUNTS + "1982,2019,brott.totalt,inf\n")
    case("csv_huge_exponent.csv", "counts", "count 1e400 overflows to infinity",
         ['csv_huge_exponent.csv:2: column "count"', 'found "1e400"'],
         COUNTS + "1982,2019,brott.totalt,1e400\n")
    case("csv_negative_count.csv", "counts", "count is -5",
         ['csv_negative_count.csv:2: column "count"', "non-negative"],
         COUNTS + "1982,2019,brott.totalt,-5\n")
    case("csv_empty_period.csv", "counts", "the period is empty",
         ['csv_empty_period.csv:2: column "period"', "expected a period"],
         COUNTS + "1982,,brott.totalt,5\n")
    case("csv_duplicate_key.csv", "counts", "line 4 repeats the key of line 2 with another count",
         ["csv_duplicate_key.csv:4:", "duplicate row", "already on line 2"],
         COUNTS + GOOD_ROWS + "1982,2019,brott.totalt,99\n")
    case("csv_year_out_of_range.csv", "counts", "period 1066",
         ['csv_year_out_of_range.csv:2: column "period"', "out of range: 1066", "years 1800-2200"],
         COUNTS + "1982,1066,brott.totalt,3\n")
    case("csv_month_13.csv", "counts", "period 2020M13",
         ['csv_month_13.csv:2: column "period"', "2020M13"],
         COUNTS + "1982,2020M13,brott.totalt,3\n")
    case("csv_date_period.csv", "counts", "period 2020-02-30 (no such date)",
         ['csv_date_period.csv:2: column "period"', "2020-02-30"],
         COUNTS + "1982,2020-02-30,brott.totalt,3\n")
    case("csv_unknown_area.csv", "counts", "area Atlantis",
         ['csv_unknown_area.csv:3: column "area"', 'unknown area "Atlantis"'],
         COUNTS + "1982,2019,brott.totalt,1480\nAtlantis,2019,brott.totalt,3\n")
    case("csv_missing_column.csv", "counts", "no count column",
         ["csv_missing_column.csv: no known layout; tried canonical", 'missing column "count"'],
         "area,period,indicator\n1982,2019,brott.totalt\n")
    case("csv_only_bom.csv", "counts", "a byte-order mark and nothing else",
         ["csv_only_bom.csv: the file is empty"], b"\xef\xbb\xbf")
    case("csv_empty.csv", "counts", "0 bytes", ["csv_empty.csv: the file is empty"], b"")
    case("csv_ragged.csv", "counts", "line 3 has 5 fields",
         ["csv_ragged.csv:3:", "expected 4 fields", "found 5"],
         COUNTS + "1982,2019,brott.totalt,1480\n1982,2020,brott.totalt,1577,9\n")
    case("csv_comma_and_dot.csv", "counts", "count 1,577.0 (both separators)",
         ['csv_comma_and_dot.csv:2: column "count"', "both ',' and '.'"],
         'area;period;indicator;count\n1982;2019;brott.totalt;1,577.0\n')
    case("csv_columns_1e6.csv", "counts", "a header of 10^6 columns (written by the test)",
         ["csv_columns_1e6.csv:1:", "1,000,000 columns", "limit of 10,000"],
         generate="columns_1e6")
    case("csv_line_100mb.csv", "counts", "a data line of 100 MB (written by the test)",
         ["csv_line_100mb.csv:2:", "104,857,6", "more than the limit of 10,485,760 bytes"],
         generate="line_100mb")

    # --- Population (bra rates --population FILE) ----------------------------------------------
    pop = "area,period,population\n"
    case("pop_negative.csv", "population", "population -13391",
         ['pop_negative.csv:2: column "population"', "expected a positive number"],
         pop + "1982,2020,-13391\n")
    case("pop_nan.csv", "population", "population nan",
         ['pop_nan.csv:2: column "population"', 'found "nan"'],
         pop + "1982,2020,nan\n")
    case("pop_month.csv", "population", "period 2020M01 where a year is expected",
         ['pop_month.csv:2: column "period"', "year"],
         pop + "1982,2020M01,13391\n")
    case("pop_duplicate.csv", "population", "Fagersta 2020 twice",
         ["pop_duplicate.csv:3:", "duplicate population", "already given on line 2"],
         pop + "1982,2020,13391\nFagersta,2020,13400\n")

    # --- PC-Axis -----------------------------------------------------------------------------------
    case("px_values_mismatch.px", "population", "VALUES lists 2 regions, DATA has 3 rows",
         ["px_values_mismatch.px:11:", "more values than the 4 cells", "do not match"],
         px(data="13391 13400 15000 15100 1 2").encode("cp1252"))
    case("px_no_data.px", "population", "the file stops before DATA=",
         ["px_no_data.px: no DATA= entry", "truncated?"],
         px().split("DATA=")[0].encode("cp1252"))
    case("px_text_in_data.px", "population", "DATA holds `abc`",
         ["px_text_in_data.px:11:", "expected a number", 'found "abc"'],
         px(data="13391 abc 15000 15100").encode("cp1252"))
    case("px_unknown_codepage.px", "population", 'CODEPAGE="klingon"',
         ["px_unknown_codepage.px:10:", 'unknown code page "klingon"'],
         px(extra='CODEPAGE="klingon";\n').encode("cp1252"))
    values = ",".join(f'"{i}"' for i in range(300))
    many = "".join(f'VALUES("v{d}")={values};\n' for d in range(8))
    case("px_overflow_cells.px", "population",
         "8 variables of 300 values: 300^8 cells, more than 2^64",
         ["px_overflow_cells.px:", "more than 2^64 cells", "more than the limit of 50000000"],
         ('CHARSET="ANSI";\nCONTENTS="Folkmängd";\nUNITS="antal";\n'
          'STUB=' + ",".join(f'"v{d}"' for d in range(8)) + ';\n' + many + 'DATA=\n1 2 3;\n'
          ).encode("cp1252"))
    case("px_heading_twice.px", "population", "HEADING names the STUB variable again",
         ["px_heading_twice.px:10:", "in STUB and HEADING twice"],
         px().replace('HEADING="år";', 'HEADING="region";').encode("cp1252"))

    # --- JSON-stat ---------------------------------------------------------------------------------
    case("jsonstat_ids_sizes.json", "population", "3 ids but 2 sizes",
         ["jsonstat_ids_sizes.json", '"id" has 3 dimensions but "size" has 2'],
         jsonstat(ids=("Region", "Tid", "Kon")))
    case("jsonstat_value_text.json", "population", "a value is the text \"många\"",
         ["jsonstat_value_text.json", "value[1]: expected a number", "många"],
         jsonstat(values=(13391, "många", 15000, 15100)))
    case("jsonstat_negative_population.json", "population", "a population of -1",
         ["jsonstat_negative_population.json", "population of 1982 2020 is -1", "non-negative"],
         jsonstat(values=(13391, -1, 15000, 15100)))
    case("jsonstat_deep_nesting.json", "population", "arrays nested 100 000 deep",
         ["jsonstat_deep_nesting.json:1:77:", "nests arrays and objects more than 64 levels deep",
          "--max-json-depth"],
         '{"dimension":' + "[" * 100000 + "]" * 100000 + "}")
    case("jsonstat_short_values.json", "population", "size 2 × 2 but 3 values",
         ["jsonstat_short_values.json", '"value" has 3 cells but "size" declares 4'],
         jsonstat(values=(13391, 13400, 15000)))

    # --- Kolada ---------------------------------------------------------------------------------------
    case("kolada_values_not_list.json", "counts", '"values" is a string',
         ["kolada_values_not_list.json: page 1", 'expected an object with "values": [...]'],
         '{"count": 1, "values": "N07540", "kpi": "x"}')
    case("kolada_value_text.json", "counts", "a value is the text \"tolv\"",
         ["kolada_value_text.json: page 1, values[0].values[0]", "expected a number or null", "tolv"],
         kolada([kolada_row(value="tolv")]))
    case("kolada_bad_period.json", "counts", "period 20x2",
         ["kolada_bad_period.json: page 1, values[0]", "expected a year", "20x2"],
         kolada([kolada_row(period="20x2")]))
    case("kolada_unknown_municipality.json", "counts", "municipality 9999",
         ["kolada_unknown_municipality.json: page 1, values[0]", 'unknown municipality "9999"'],
         kolada([kolada_row(municipality="9999")]))

    # A JSON file that declares more cells than --max-cells.
    case("jsonstat_size_1e12.json", "population", "size 10^6 × 10^6: 10^12 declared cells",
         ["jsonstat_size_1e12.json", '"size" declares 1000000000000 cells',
          "more than the limit of 50000000", "--max-cells"],
         jsonstat(size=(1000000, 1000000)))

    # --- Excel -------------------------------------------------------------------------------------------
    case("xlsx_not_a_zip.xlsx", "counts", "starts like a zip archive, then garbage",
         ["xlsx_not_a_zip.xlsx: not a readable Excel workbook", "expected an .xlsx"],
         b"PK\x03\x04" + bytes(range(256)) * 4)
    case("xlsx_truncated.xlsx", "counts", "a real workbook cut in half",
         ["xlsx_truncated.xlsx: not a readable Excel workbook", "truncated"],
         xlsx(sheet([[("A1", "area"), ("B1", "period"), ("C1", "indicator"), ("D1", "count")],
                     [("A2", "1982"), ("B2", 2020), ("C2", "brott.totalt"), ("D2", 1577)]]))[:700])
    case("xlsx_zip_not_workbook.xlsx", "counts", "a valid zip holding only a text file",
         ["xlsx_zip_not_workbook.xlsx: not a readable Excel workbook", "_rels/.rels"],
         _plain_zip())
    case("xlsx_ole_garbage.xls", "counts", "an OLE (.xls) signature, then garbage",
         ["xlsx_ole_garbage.xls: not a readable Excel workbook", "expected an .xlsx (or .xls/.ods)"],
         b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    case("xlsx_zip_bomb.xlsx", "counts", "the sheet unpacks to 600 MiB of blanks",
         ["xlsx_zip_bomb.xlsx", "unpacks to more than 536,870,912 bytes", "zip bomb"],
         _zip_bomb())
    case("xlsx_whole_grid.xlsx", "counts", "two cells, A1 and XFD1048576: a grid of 1.7e10 cells",
         ["xlsx_whole_grid.xlsx [Blad1]:1048576:", "16,384 columns", "limit of 10,000"],
         xlsx(sheet([[("A1", "area")], [("XFD1048576", 1)]])))
    case("xlsx_text_count.xlsx", "counts", "a count cell holds text",
         ["xlsx_text_count.xlsx [Blad1]:2:", 'column "count"', "många"],
         xlsx(sheet([[("A1", "area"), ("B1", "period"), ("C1", "indicator"), ("D1", "count")],
                     [("A2", "1982"), ("B2", 2020), ("C2", "brott.totalt"), ("D2", "många")]])))

    # --- Survey (bra survey --input FILE) ----------------------------------------------------------
    sv = "area,period,indicator,group,value,lower,upper,level\n"
    case("survey_lower_above_upper.csv", "survey", "lower 20.2 above upper 14.2",
         ['survey_lower_above_upper.csv:2: column "lower"', "lower bound 20.2 is above the upper bound 14.2"],
         sv + "1982,2019,ntu.utsatt_enskild_person,total,17.0,20.2,14.2,0.95\n")
    case("survey_share_150.csv", "survey", "a share of 150 %",
         ['survey_share_150.csv:2: column "value"', "between 0 and 100, found 150"],
         sv + "1982,2019,ntu.utsatt_enskild_person,total,150,140,160,0.95\n")

    # --- Field length: a label far beyond --max-field-bytes ---------------------------------------
    case("csv_indicator_5mb.csv", "counts",
         "the indicator field of line 3 is 5 MB of text (written by the test)",
         ["csv_indicator_5mb.csv:3:11:", 'field "indicator" is 5,242,880 bytes long',
          "limit of 65,536 bytes", "--max-field-bytes"],
         generate="indicator_5mb")

    # --- More survey (bra survey --input FILE) ---------------------------------------------------
    cn = "area,period,indicator,group,count,n\n"
    case("survey_count_above_n.csv", "survey", "a count of 120 out of n = 100",
         ["survey_count_above_n.csv:2:", "120", "100"],
         cn + "1982,2019,mu.trygghet,total,120,100\n")
    case("survey_negative_n.csv", "survey", "n = -50",
         ['survey_negative_n.csv:2: column "n"', "-50"],
         cn + "1982,2019,mu.trygghet,total,20,-50\n")
    case("survey_percent_above_100.csv", "survey", "a published share of 100.5 %",
         ['survey_percent_above_100.csv:2: column "value"', "between 0 and 100, found 100.5"],
         sv + "1982,2019,mu.trygghet,total,100.5,99,101,0.95\n")
    case("survey_missing_n.csv", "survey", "counts without n (nor a published value)",
         ['survey_missing_n.csv:2: column "count"', "a count of 20 without the number of respondents", "expected n"],
         "area,period,indicator,group,count\n1982,2019,mu.trygghet,total,20\n")
    case("survey_label_100kb.csv", "survey", "a group label of 100 KB",
         ["survey_label_100kb.csv:2:", 'field "group" is 100,000 bytes long', "--max-field-bytes"],
         cn + "1982,2019,mu.trygghet," + "k" * 100_000 + ",20,100\n")

    # --- bra import FILE -o tidy.csv ----------------------------------------------------------------
    case("import_px_unclosed_string.px", "import", "a VALUES string that never closes",
         ["import_px_unclosed_string.px:9:", "VALUES: a string is not closed"],
         px(stub_values=('"1982 Fagersta', '"1983 Hallstahammar"')).encode("cp1252"))
    case("import_jsonstat_truncated.json", "import", "a JSON-stat answer cut in the middle",
         ["import_jsonstat_truncated.json:1:", "the JSON ends too early", "truncated?"],
         jsonstat()[:200])
    case("import_kolada_deep_nesting.json", "import", "a Kolada page nested 100 000 deep",
         ["import_kolada_deep_nesting.json:1:89:", "more than 64 levels deep", "--max-json-depth"],
         '{"kpi":"N07540","values":' + "[" * 100000 + "]" * 100000 + "}")
    case("import_xlsx_no_header.xlsx", "import", "a sheet with a single filled cell",
         ["import_xlsx_no_header.xlsx", "expected"],
         xlsx(sheet([[("A1", "hej")]])))
    case("import_csv_no_known_layout.csv", "import", "a table whose columns match no layout",
         ["import_csv_no_known_layout.csv: no known layout", "tried canonical: expected", "tried SCB CSV: expected"],
         "foo,bar,baz\n1,2,3\n")
    case("import_label_100kb.json", "import", "a JSON-stat category label of 100 KB",
         ["import_label_100kb.json", 'field "dimension.Region.category.label.1982"',
          "100,000 bytes long", "--max-field-bytes"],
         jsonstat().replace('"Fagersta"', json.dumps("F" * 100_000)))
    case("import_px_label_100kb.px", "import", "a PX VALUES string of 100 KB",
         ["import_px_label_100kb.px:8:", 'field "VALUES("region")" is 100,005 bytes long'],
         px(stub_values=('"1982 ' + "F" * 100_000 + '"', '"1983 Hallstahammar"')).encode("cp1252"))
    case("import_xlsx_cell_100kb.xlsx", "import", "an Excel cell of 100 KB",
         ["import_xlsx_cell_100kb.xlsx [Blad1]:2:", 'field "cell C2"', "100,000 bytes long"],
         xlsx(sheet([[("A1", "area"), ("B1", "period"), ("C1", "indicator"), ("D1", "count")],
                     [("A2", "1982"), ("B2", 2020), ("C2", "x" * 100_000), ("D2", 1577)]])))

    # --- bra compare --input FILE --benchmark 19 ---------------------------------------------------
    rt = "area,period,indicator,group,count,population,rate,lower,upper,method,level\n"
    good_rate = "1982,2020,brott.totalt,total,1577,13391,11776.6,11199.2,12374.7,exact,0.95\n"
    lan_rate = "19,2020,brott.totalt,total,30000,278000,10791.4,10669.6,10914.2,exact,0.95\n"
    case("compare_missing_columns.csv", "compare", "neither a rate, a value nor a count",
         ["compare_missing_columns.csv: no known layout", "missing column \"count\""],
         "area,period,indicator\n1982,2020,brott.totalt\n")
    case("compare_text_rate.csv", "compare", "the rate is the text \"hög\"",
         ['compare_text_rate.csv:3: column "rate"', 'found "hög"'],
         rt + lan_rate + good_rate.replace("11776.6", "hög"))
    case("compare_text_lower.csv", "compare", "the lower bound is \"?\"",
         ['compare_text_lower.csv:3: column "lower"', 'found "?"'],
         rt + lan_rate + good_rate.replace("11199.2", "?"))
    case("compare_lower_above_upper.csv", "compare", "lower 12374.7 above upper 11199.2",
         ["compare_lower_above_upper.csv:3:", "lower", "upper"],
         rt + lan_rate + good_rate.replace("11199.2,12374.7", "12374.7,11199.2"))
    case("compare_unknown_benchmark.csv", "compare", "the benchmark 19 is not in the data",
         ["--benchmark 19", "no rows of Västmanlands län (19)", "compare_unknown_benchmark.csv", "areas there: 1982"],
         rt + good_rate)
    case("compare_empty.csv", "compare", "0 bytes", ["compare_empty.csv: the file is empty"], b"")

    # --- bra trend --input FILE ---------------------------------------------------------------------
    tr = "area,period,indicator,group,rate\n"
    years = "".join(f"1982,{y},brott.totalt,total,{11000 + 10 * y % 7}\n" for y in range(2015, 2021))
    case("trend_missing_period.csv", "trend", "no period column",
         ["trend_missing_period.csv:1:", 'missing column "period"'],
         "area,indicator,group,rate\n1982,brott.totalt,total,11000\n")
    case("trend_duplicate_period.csv", "trend", "2017 twice for the same series",
         ["trend_duplicate_period.csv:8:", "duplicate row", "already on line 4"],
         tr + years + "1982,2017,brott.totalt,total,9000\n")
    case("trend_text_value.csv", "trend", "a rate of \"n/a\"",
         ['trend_text_value.csv:4: column "rate"', 'found "n/a"'],
         tr + years.replace(",2017,brott.totalt,total,11003", ",2017,brott.totalt,total,n/a"))
    case("trend_month_13.csv", "trend", "period 2020M13",
         ['trend_month_13.csv:3: column "period"', "2020M13"],
         tr + "1982,2020M12,brott.totalt,total,900\n1982,2020M13,brott.totalt,total,950\n")
    case("trend_indicator_100kb.csv", "trend", "an indicator of 100 KB",
         ["trend_indicator_100kb.csv:3:11:", 'field "indicator" is 100,000 bytes long',
          "--max-field-bytes"],
         tr + "1982,2019,brott.totalt,total,11000\n1982,2020," + "b" * 100_000 + ",total,11500\n")

    # --- bra chart KIND --input FILE -o chart.svg --------------------------------------------------
    case("chart_trend_missing_rate.csv", "chart-trend", "no rate, value or count column",
         ["chart_trend_missing_rate.csv: no known layout", "missing column \"count\""],
         "area,period,indicator,group\n1982,2020,brott.totalt,total\n")
    case("chart_trend_text_value.csv", "chart-trend", "a rate of \"många\"",
         ['chart_trend_text_value.csv:3: column "rate"', 'found "många"'],
         tr + "1982,2019,brott.totalt,total,11000\n1982,2020,brott.totalt,total,många\n")
    case("chart_compare_unknown_area.csv", "chart-compare", "area Atlantis",
         ['chart_compare_unknown_area.csv:3: column "area"', 'unknown area "Atlantis"'],
         rt + lan_rate + good_rate.replace("1982,", "Atlantis,", 1))
    case("chart_funnel_empty.csv", "chart-funnel", "a header and no rows",
         ["chart_funnel_empty.csv", "no"], rt)
    case("chart_survey_lower_above_upper.csv", "chart-survey", "lower 20.2 above upper 14.2",
         ['chart_survey_lower_above_upper.csv:2: column "lower"', "above the upper bound"],
         sv + "1982,2019,ntu.utsatt_enskild_person,total,17.0,20.2,14.2,0.95\n")
    gl = ("goal,indicator,area,baseline_period,baseline,target,deadline,latest_period,latest,"
          "progress,expected_progress,projected,status,significant,milestone\n")
    case("chart_goals_unknown_status.csv", "chart-goals", "a status \"kanske\"",
         ["chart_goals_unknown_status.csv:2:", 'column "status"', "kanske"],
         gl + "stold,brott.stold,1982,2019,2000,1600,2026,2024,1800,0.5,0.7,1700,kanske,false,\n")

    # --- TOML: goals (bra goals --goals FILE) --------------------------------------------------
    case("goals_syntax.toml", "goals", "a value without quotes on line 6",
         ["goals_syntax.toml:6:14:", "bostadsinbrott", "quoted"], goals().replace('focus_area = "disorder-and-unsafety"',
                                                    "focus_area = disorder-and-unsafety"))
    case("goals_duplicate_key.toml", "goals", "owner given twice",
         ["goals_duplicate_key.toml:14:1:", 'duplicate key "owner"'], goals(extra='owner = "Någon annan"\n'))
    case("goals_nan_target.toml", "goals", "target value nan",
         ['goals_nan_target.toml:11: goal "bostadsinbrott"', "target must be a number, found NaN"], goals(target="{ value = nan }"))
    case("goals_inf_target.toml", "goals", "target value inf",
         ['goals_inf_target.toml:11: goal "bostadsinbrott"', "target must be a number, found inf"], goals(target="{ value = inf }"))
    case("goals_bad_deadline.toml", "goals", "deadline 2026-13",
         ['goals_bad_deadline.toml:12:12: goal "bostadsinbrott"', "out of range: 2026-13"], goals(deadline='"2026-13"'))
    case("goals_binary.toml", "goals", "binary garbage",
         ["goals_binary.toml:", "expected UTF-8 text"], bytes(range(256)) * 4)

    case("goals_missing_data_file.toml", "goals", "the data file does not exist",
         ["goals_missing_data_file.toml:", "data file", "finns_inte.csv", "does not exist"],
         goals().replace('data = ["../../data/samples/rates.csv"]', 'data = ["finns_inte.csv"]'))
    case("goals_unknown_indicator.toml", "goals", "an indicator id that is in no data and no registry",
         ['goals_unknown_indicator.toml:8: goal "bostadsinbrott"', 'indicator "brott.finns_inte" is not in the data'],
         goals().replace('indicator = "brott.bostadsinbrott"', 'indicator = "brott.finns_inte"'))
    case("goals_target_is_baseline.toml", "goals", "a change of 0 %: the target is the baseline",
         ['goals_target_is_baseline.toml:11:', 'goal "bostadsinbrott"', "0"],
         goals(target="{ change_percent = 0 }"))
    case("goals_deadline_before_baseline.toml", "goals", "deadline 2015, baseline 2019",
         ['goals_deadline_before_baseline.toml:12:', 'goal "bostadsinbrott"',
          "deadline 2015 is not after the baseline period 2019"],
         goals(deadline='"2015"'))
    case("goals_wrong_type.toml", "goals", "the title is a number, not a string",
         ['goals_wrong_type.toml:5:9: goal "bostadsinbrott"', 'key "title": expected a string', "found integer"],
         goals().replace('"Färre bostadsinbrott"', "5"))
    case("goals_title_100kb.toml", "goals", "a title of 100 KB",
         ['goals_title_100kb.toml:5:9:', 'field "title" is 100,000 bytes long'],
         goals().replace('"Färre bostadsinbrott"', json.dumps("t" * 100_000)))

    # --- TOML: report config (bra report --config FILE) ------------------------------------------
    case("report_unknown_key.toml", "report", "a misspelt key `benchmark`",
         ["report_unknown_key.toml:3:", "unknown field `benchmark`"],
         report().replace("benchmarks =", "benchmark ="))
    case("report_unknown_area.toml", "report", "area Atlantis",
         ["report_unknown_area.toml:2:", 'unknown area "Atlantis"'], report(area='"Atlantis"'))
    case("report_missing_counts.toml", "report", "the counts file does not exist",
         ["report_missing_counts.toml", "[data] counts", "finns_inte.csv", "does not exist"],
         report(counts='"finns_inte.csv"'))
    case("report_bad_counts.toml", "report", "the counts file is broken (NaN count)",
         ['csv_nan_count.csv:3: column "count"'], report(counts='"csv_nan_count.csv"'))

    case("report_wrong_type.toml", "report", "the title is a number",
         ['report_wrong_type.toml:1: key "title": expected a string, found integer `5`'],
         report().replace('title = "Uppföljning"', "title = 5"))
    case("report_missing_area.toml", "report", "no area key",
         ["report_missing_area.toml", "area"],
         report().replace('area = "Fagersta"\n', ""))
    case("report_bad_survey.toml", "report", "a survey file with a share of 150 %",
         ['survey_share_150.csv:2: column "value"', "between 0 and 100"],
         report(extra='survey = ["survey_share_150.csv"]\n'))
    case("report_bad_population.toml", "report", "a population file with a negative population",
         ['pop_negative.csv:2: column "population"'],
         report().replace('"../../data/samples/population.csv"', '"pop_negative.csv"'))
    case("report_title_100kb.toml", "report", "a title of 100 KB",
         ['report_title_100kb.toml:1:9:', 'field "title" is 100,000 bytes long'],
         report().replace('"Uppföljning"', json.dumps("t" * 100_000)))

    # --- TOML: user areas (bra survey --areas FILE) --------------------------------------------------
    case("areas_unknown_kommun.toml", "areas", "a member kommun that does not exist",
         ["areas_unknown_kommun.toml:4:", 'unknown kommun "Atlantis"'],
         '[[area]]\ncode = "lpo:x"\nname = "LPO X"\nkommuner = ["Fagersta", "Atlantis"]\n')

    # --- incident logs (bra lagesbild --incidents FILE --out DIR) --------------------------------
    case("lagesbild_no_date_column.csv", "lagesbild", "no date column in the header",
         ["lagesbild_no_date_column.csv:1:", "no date column", "datum/date"],
         "kategori,plats\nKlotter,Centrum\n")
    case("lagesbild_bad_date.csv", "lagesbild", "a date 2024-13-40 on line 3",
         ['lagesbild_bad_date.csv:3:1: column "datum"', "expected a date as YYYY-MM-DD", "2024-13-40"],
         "datum,kategori\n2024-10-01,Klotter\n2024-13-40,Klotter\n")
    case("lagesbild_header_only.csv", "lagesbild", "a header and no incidents",
         ["lagesbild_header_only.csv:1:", "no incidents"], "datum,kategori,plats\n")
    case("lagesbild_empty.csv", "lagesbild", "an empty file",
         ["lagesbild_empty.csv", "the file is empty"], "")
    case("lagesbild_empty_category.csv", "lagesbild", "an empty category on line 2",
         ['lagesbild_empty_category.csv:2:2: column "kategori"', "the category is empty"],
         "datum,kategori\n2024-10-01,\n")
    case("lagesbild_bad_count.csv", "lagesbild", "a count written as a word",
         ['lagesbild_bad_count.csv:2:3: column "antal"', "expected a whole number", "två"],
         "datum,kategori,antal\n2024-10-01,Klotter,två\n")
    case("lagesbild_binary.csv", "lagesbild", "binary garbage",
         ["lagesbild_binary.csv:1:", "NUL bytes"], bytes(range(256)) * 4)
    case("lagesbild_category_100kb.csv", "lagesbild", "a category of 100 KB",
         ["lagesbild_category_100kb.csv:2:2:", "is 100,000 bytes long"],
         "datum,kategori\n2024-10-01," + "x" * 100_000 + "\n")
    case("lagesbild_not_a_workbook.xlsx", "lagesbild", "a zip header and garbage, named .xlsx",
         ["lagesbild_not_a_workbook.xlsx", "not a readable Excel workbook"], b"PK\x03\x04garbage")

    # --- categories files (bra lagesbild --categories FILE) -------------------------------------
    cat = '[[category]]\nlabel = "Klotter"\nfocus_area = "disorder-and-unsafety"\n'
    case("categories_unknown_focus_area.toml", "lagesbild-categories", "focus area \"nonsense\"",
         ["categories_unknown_focus_area.toml:3:", "unknown variant `nonsense`", "disorder-and-unsafety"],
         cat.replace('"disorder-and-unsafety"', '"nonsense"'))
    case("categories_syntax.toml", "lagesbild-categories", "a label without quotes",
         ["categories_syntax.toml:2:", "quoted"], cat.replace('"Klotter"', "Klotter"))
    case("categories_duplicate_label.toml", "lagesbild-categories", "the label klotter twice",
         ["categories_duplicate_label.toml:4:", '"klotter" is given twice'],
         cat + cat.replace('"Klotter"', '"klotter"'))
    case("categories_empty_label.toml", "lagesbild-categories", "a label of spaces",
         ["categories_empty_label.toml:1:", "a label or alias is empty"], cat.replace('"Klotter"', '" "'))
    case("categories_unknown_key.toml", "lagesbild-categories", "a key `colour` the file does not have",
         ["categories_unknown_key.toml:4:", "unknown field `colour`"], cat + 'colour = "red"\n')

    # --- profiles (bra profile --input FILE --area Fagersta --benchmark 19 -o FILE.png) -----------
    ph = "area,period,indicator,rate,lower,upper\n"
    case("profile_other_areas.csv", "profile", "rates of Skinnskatteberg only, the profile of Fagersta",
         ["nothing to profile", "no rows of 1982 Fagersta", "1904 Skinnskatteberg"],
         ph + "1904,2024,brott.totalt,13288.3,12237.5,14405.1\n")
    case("profile_counts_only.csv", "profile", "counts, not rates",
         ["nothing to profile", "none of the 2 rows of 1982 Fagersta has a value", "bra rates"],
         COUNTS + GOOD_ROWS)
    case("profile_header_only.csv", "profile", "a header and no rows",
         ["profile_header_only.csv", "no data rows"], ph)
    case("profile_text_rate.csv", "profile", "a rate written as text",
         ['profile_text_rate.csv:2: column "rate"', 'expected a number, found "abc"'],
         ph + "1982,2024,brott.totalt,abc,,\n")
    case("profile_lower_above_upper.csv", "profile", "lower 120 above upper 90",
         ['profile_lower_above_upper.csv:2: column "lower"', "above the upper bound"],
         ph + "1982,2024,brott.totalt,100,120,90\n")
    case("profile_duplicate_row.csv", "profile", "the same key twice",
         ["profile_duplicate_row.csv:3:", "duplicate row", "line 2"],
         ph + "1982,2024,brott.totalt,100,90,110\n" * 2)

    write_cases()


def _plain_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("hej.txt", date_time=(2024, 1, 1, 0, 0, 0))
        z.writestr(info, b"hej hej\n")
    return buf.getvalue()


def _zip_bomb():
    blank = b" " * (1 << 20)
    start = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
             b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    buf = io.BytesIO()
    base = xlsx(sheet([[("A1", "area")]]))
    with zipfile.ZipFile(io.BytesIO(base)) as src, \
            zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for item in src.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                info = zipfile.ZipInfo(item.filename, date_time=(2024, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                with z.open(info, "w", force_zip64=True) as w:
                    w.write(start)
                    for _ in range(600):
                        w.write(blank)
                    w.write(b"</sheetData></worksheet>")
            else:
                z.writestr(item, src.read(item.filename))
    return buf.getvalue()


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def write_cases():
    out = [
        "# The bad-input corpus: written by make_bad_inputs.py (do not edit by hand).",
        "# kind says how the file is fed to `bra` (tests/it/bad_inputs.rs); every case must exit",
        "# with code 1, print each `expect` string on stderr, never `panicked`, and leave no",
        "# output file behind.",
        "",
    ]
    for file, kind, defect, expect, generate in CASES:
        out.append("[[case]]")
        out.append(f"file = {toml_str(file)}")
        out.append(f"kind = {toml_str(kind)}")
        out.append(f"defect = {toml_str(defect)}")
        out.append("expect = [" + ", ".join(toml_str(e) for e in expect) + "]")
        if generate:
            out.append(f"generate = {toml_str(generate)}")
        out.append("")
    with open(os.path.join(HERE, "cases.toml"), "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    print(f"{len(CASES)} cases, {sum(1 for c in CASES if c[4] is None)} files written")


if __name__ == "__main__":
    main()
