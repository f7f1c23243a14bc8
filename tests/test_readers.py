from __future__ import annotations

import gzip

import pandas as pd
import pytest

from cxkit.data.readers import UnreadableFileError, read_raw


def test_finnish_excel_csv_semicolon_decimal_comma_cp1252(tmp_path):
    p = tmp_path / "puhelut.csv"
    p.write_bytes("tunnus;kesto;jono\n1;12,5;Asiakaspalvelu\n2;7,25;Myynti ä\n".encode("cp1252"))
    raw = read_raw(p)
    assert (raw.delimiter, raw.decimal, raw.encoding) == (";", ",", "cp1252")
    assert raw.table["jono"].tolist() == ["Asiakaspalvelu", "Myynti ä"]
    assert raw.table["_line"].tolist() == [2, 3]


def test_bom_crlf_and_gzip(tmp_path):
    p = tmp_path / "x.csv.gz"
    p.write_bytes(gzip.compress("\ufeffa,b\r\n1,2\r\n3,4\r\n".encode("utf-8")))
    raw = read_raw(p)
    assert list(raw.table.columns) == ["a", "b", "_line"]
    assert raw.table["b"].tolist() == ["2", "4"]  # no trailing \r


def test_malformed_rows_have_line_numbers_and_accounting(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n13,14,15\n")
    raw = read_raw(p)
    assert [b[0] for b in raw.bad_rows] == [3, 5]
    assert raw.table["_line"].tolist() == [2, 4, 6]
    assert raw.rows_read == 5


def test_tab_separated(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text("a\tb\n1\t2\n")
    assert read_raw(p).delimiter == "\t"


@pytest.mark.parametrize(
    "content,match",
    [
        ("", "empty"),
        ("just one column\nvalue\n", "one column"),
        ("a,a\n1,2\n", "repeats column"),
    ],
)
def test_unreadable_files_say_what_and_how(tmp_path, content, match):
    p = tmp_path / "bad.csv"
    p.write_text(content)
    with pytest.raises(UnreadableFileError, match=match) as err:
        read_raw(p)
    assert str(p) in str(err.value)


def test_unknown_extension(tmp_path):
    p = tmp_path / "x.json"
    p.write_text("{}")
    with pytest.raises(UnreadableFileError, match="unknown file type"):
        read_raw(p)


def test_excel_sheet_and_header_offset(tmp_path):
    p = tmp_path / "x.xlsx"
    with pd.ExcelWriter(p) as xl:
        pd.DataFrame({"x": [1]}).to_excel(xl, sheet_name="info", index=False)
        pd.DataFrame([["Report", None], ["a", "b"], [1, 2.5]]).to_excel(
            xl, sheet_name="data", index=False, header=False
        )
    raw = read_raw(p, sheet="data", header_row=1)
    assert list(raw.table.columns) == ["a", "b", "_line"]
    assert raw.table.iloc[0][["a", "b"]].tolist() == ["1", "2.5"]
    assert raw.table["_line"].tolist() == [3]
    with pytest.raises(UnreadableFileError, match="sheet"):
        read_raw(p, sheet="nope")


def test_parquet(tmp_path):
    p = tmp_path / "x.parquet"
    pd.DataFrame({"a": [1, 2], "b": ["x", None]}).to_parquet(p)
    raw = read_raw(p)
    assert raw.table["a"].tolist() == ["1", "2"] and raw.table["b"].tolist() == ["x", ""]


def test_decimal_comma_when_most_values_are_whole_numbers(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("id;wait\n1;4\n2;5\n3;12,5\n4;7\n")
    assert read_raw(p).decimal == ","
    q = tmp_path / "y.csv"
    q.write_text("id;name\n1;Virtanen, Matti\n2;Korhonen, Aino\n")
    assert read_raw(q).decimal == "."  # commas in text are not decimals


def test_physical_line_numbers_after_blank_lines_and_multiline_fields(tmp_path):
    """Regression: `line` was a record index: off after a blank line or a quoted multi-line field,
    and a bare carriage return inside a quoted field split one record into two."""
    p = tmp_path / "x.csv"
    p.write_bytes(b'id,note\n1,"two\nlines"\n\n2,plain\n3,"cr\rinside"\n4\n5,end\n')
    raw = read_raw(p)
    assert raw.table["_line"].tolist() == [2, 5, 6, 9]  # a bare CR ends a line, as editors show it
    assert raw.table["note"].tolist() == ["two\nlines", "plain", "cr\ninside", "end"]
    assert [line for line, _ in raw.bad_rows] == [8]


def test_a_stray_quote_is_refused_naming_its_line(tmp_path):
    """Regression: a quote at the start of a data line swallowed the rest of the file, exit 0."""
    p = tmp_path / "x.csv"
    body = "".join(f"{i},phone\n" for i in range(3, 200))
    p.write_text('id,channel\n1,phone\n"2,phone\n' + body)
    with pytest.raises(UnreadableFileError, match="line 3 opens a quoted field"):
        read_raw(p)
    short = tmp_path / "y.csv"
    short.write_text('id,channel\n1,phone\n"2,phone\n3,phone\n4,phone\n')
    with pytest.raises(
        UnreadableFileError, match="line 3 opens a quoted field that runs to the end"
    ):
        read_raw(short)


def test_quotes_inside_values_are_fine(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text('id,product\n1,5" screen\n2,"a ""quoted"" word"\n3,"x"y\n')
    raw = read_raw(p)
    assert raw.table["product"].tolist() == ['5" screen', 'a "quoted" word', "xy"]
    assert raw.table["_line"].tolist() == [2, 3, 4]


def test_one_latin1_byte_does_not_re_decode_the_good_rows(tmp_path):
    """Regression: one Latin-1 byte in a UTF-8 file made every row decode as cp1252 (Mäkelä became
    MÃ¤kelÃ¤ in every other row, exit 0)."""
    good = "".join(f"{i},Mäkelä\n" for i in range(5)).encode("utf-8")
    p = tmp_path / "x.csv"
    p.write_bytes(b"id,agent\n" + good + "5,Mäkelä\n".encode("latin-1"))
    raw = read_raw(p)
    assert raw.table.agent.tolist()[:5] == ["Mäkelä"] * 5
    assert "\ufffd" in raw.table.agent.iloc[5]


def test_a_quote_that_swallows_rows_is_refused(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text('id,a,b,c\n1,x,y,z\n2,"x,y,z\n3,x,y,z\n4,x",y,z\n')
    with pytest.raises(
        UnreadableFileError, match="line 3 opens a quoted field that swallows line 4"
    ):
        read_raw(p)
    ok = tmp_path / "y.csv"
    ok.write_text('id,a,b,note\n1,x,y,"first line\nsecond line"\n')
    assert read_raw(ok).table.note.tolist() == ["first line\nsecond line"]


def test_odd_encodings_read_without_tracebacks(tmp_path):
    """Regressions: byte 0x81 ended in a 'charmap' traceback; UTF-16 without a BOM gave column names
    full of NUL characters."""
    p = tmp_path / "x.csv"
    p.write_bytes(b"id,name\n1,caf\xe9\n2,x\x81y\n")
    assert read_raw(p).table.name.tolist() == ["café", "x\x81y"]
    q = tmp_path / "y.csv"
    q.write_bytes("id,name\n1,Mäkelä\n".encode("utf-16-le"))
    raw = read_raw(q)
    assert list(raw.table.columns)[:2] == ["id", "name"] and raw.table.name.tolist() == ["Mäkelä"]


def test_a_long_row_is_read_and_too_many_columns_are_refused_with_the_fix(tmp_path):
    """Regressions: a row of 32 MiB refused the whole file; time grew worse than linearly with the
    column count (20,000 columns did not finish in 600 s)."""
    p = tmp_path / "long.csv"
    p.write_text("id,note\n1," + "q" * (17 * 1024 * 1024) + "\n2,short\n")
    assert read_raw(p).table.id.tolist() == ["1", "2"]
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(1500)) + "\n" + ",".join("1" * 1500) + "\n")
    with pytest.raises(UnreadableFileError, match="1,500 columns; cxkit reads at most 1,000"):
        read_raw(wide)


def test_latin1_after_64_kb_and_cr_only_line_ends(tmp_path):
    """Regressions: Latin-1 first appearing after 64 KB refused the whole file blaming the delimiter;
    CR-only line ends ended in a csv traceback."""
    p = tmp_path / "x.csv"
    body = "".join(f"{i},plain\n" for i in range(12000)).encode("ascii")
    assert len(body) > 65536
    p.write_bytes(b"id,name\n" + body + "12000,caf\xe9\n".encode("latin-1"))
    raw = read_raw(p)
    assert raw.rows_read == 12001 and raw.table.name.iloc[-1] == "café"
    q = tmp_path / "mac.csv"
    q.write_bytes(b"id,name\r1,a\r2,b\r")
    assert read_raw(q).table["_line"].tolist() == [2, 3]
