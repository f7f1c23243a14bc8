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
