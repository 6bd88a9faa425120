"""read_text on every supported format, built as fixture files in tmp_path, and the reasons it refuses files."""
from __future__ import annotations

import codecs
import hashlib
import zipfile
from pathlib import Path

import pytest

from loaders.config import corpus_dir
from loaders.readers import UnreadableDocument, read_text, sha256_file

BODY_LINES = ["瑞安市新增高新技术企业120家，增长7.7%。", "全市研发投入占GDP比重达2.9%。"]
BODY = "\n".join(BODY_LINES)


# --- fixture builders ----------------------------------------------------------------------------
def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def pdf_bytes(pages: list[list[str]], image_only: bool = False) -> bytes:
    """A minimal PDF whose text uses a Type0/Identity-H font: each code is the character's UCS-2 value,
    mapped back by a ToUnicode CMap (no embedded font is needed for a text layer). `image_only` draws a
    1x1 image instead of text."""
    chars = sorted({ch for page in pages for line in page for ch in line})
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n" + "".join(f"<{ord(c):04X}> <{ord(c):04X}>\n" for c in chars)
        + "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end\n"
    )
    n = len(pages)
    page_ids = [6 + 2 * i for i in range(n)]
    objects = {
        1: "<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [{' '.join(f'{p} 0 R' for p in page_ids)}] /Count {n} >>",
        3: f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        f"/DescendantFonts [4 0 R] /ToUnicode {6 + 2 * n} 0 R >>",
        4: "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong-Light "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    }
    streams = {
        5: ("<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
            "/BitsPerComponent 8", "\x80\n"),
        6 + 2 * n: ("<<", cmap),
    }
    for page_id, lines in zip(page_ids, pages):
        text_ops = "".join("<" + "".join(f"{ord(c):04X}" for c in line) + "> Tj T*\n" for line in lines)
        ops = "q 100 0 0 100 72 600 cm /Im1 Do Q\n" if image_only else (
            "BT /F1 12 Tf 14 TL 72 760 Td\n" + text_ops + "ET\n")
        objects[page_id] = (
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> "
            f"/XObject << /Im1 5 0 R >> >> /Contents {page_id + 1} 0 R >>"
        )
        streams[page_id + 1] = ("<<", ops)
    for num, (head, body) in streams.items():
        objects[num] = f"{head} /Length {len(body.encode('latin-1'))} >>\nstream\n{body}\nendstream"
    return _pdf_file(objects)


def _pdf_file(objects: dict[int, str]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += f"{num} 0 obj\n{objects[num]}\nendobj\n".encode("latin-1")
    xref, size = len(out), max(objects) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offsets[i]:010d} 00000 n \n" for i in range(1, size)).encode()
    out += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_bytes(tmp_path: Path, body_xml: str, prolog: str = "") -> bytes:
    """A .docx zip whose word/document.xml has `body_xml` inside <w:body>."""
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
           f"<w:document {W}><w:body>{body_xml}</w:body></w:document>")
    path = tmp_path / "build.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml.encode("utf-8"))
    return path.read_bytes()


def para(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


# --- plain text ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "data",
    [
        BODY.encode("utf-8"),
        codecs.BOM_UTF8 + BODY.encode("utf-8"),
        BODY.encode("gbk"),
        BODY.encode("gb18030"),
        BODY.replace("\n", "\r\n").encode("gbk"),
        codecs.BOM_UTF16_LE + BODY.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + BODY.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "gbk-crlf", "utf16le-bom", "utf16be-bom"],
)
def test_txt_encodings_are_detected(tmp_path: Path, data: bytes) -> None:
    assert read_text(write(tmp_path, "doc.txt", data)) == (BODY, "txt")


def test_gb18030_four_byte_characters_survive(tmp_path: Path) -> None:
    text = "𠮷溪镇科技特派员12名"  # 𠮷 is outside GBK: only GB18030 encodes it
    assert read_text(write(tmp_path, "doc.txt", text.encode("gb18030"))) == (text, "txt")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\t\r\n  ", "empty"),
        ("bom-only.txt", codecs.BOM_UTF8 + b"\n\n", "empty"),
        ("nul.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary content"),
        ("controls.txt", bytes(range(1, 9)) * 200 + "科技".encode(), "binary content"),
        ("book.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "unsupported extension .xls"),
        ("slides.PPTX", b"PK\x03\x04", "unsupported extension .pptx"),
        ("README", "科技".encode(), "unsupported extension (none)"),
    ],
)
def test_unreadable_files_say_why(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(UnreadableDocument) as info:
        read_text(path)
    assert info.value.reason == reason
    assert isinstance(info.value, ValueError)
    assert name in str(info.value) and reason in str(info.value)


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="cannot open file"):
        read_text(tmp_path / "gone.txt")


@pytest.mark.parametrize("path", sorted(corpus_dir().glob("*.txt")), ids=lambda p: p.name)
def test_corpus_text_is_returned_verbatim(path: Path) -> None:
    assert read_text(path) == (path.read_text(encoding="utf-8"), "txt")


def test_sha256_file_hashes_the_bytes(tmp_path: Path) -> None:
    data = BODY.encode("gbk") * 50_000  # several read chunks
    assert sha256_file(write(tmp_path, "big.txt", data)) == hashlib.sha256(data).hexdigest()


# --- HTML ------------------------------------------------------------------------------------------
GOV_PAGE = """<!DOCTYPE html><html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>瑞安市科技局 - 工作动态</title><style>.nav {{ color: red }} /* 样式说明 */</style>
<script>var msg = "欢迎访问瑞安市科技局网站，请使用新版浏览器";</script></head>
<body><div class="header"><img src="logo.png"><h1>瑞安市科学技术局门户网站</h1></div>
<ul id="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/bs">办事服务</a></li></ul>
<div class="position">当前位置：首页 &gt; 工作动态</div>
<div class="main"><div class="article-title">科技工作简报</div>
<div class="TRS_Editor"><p>{0}</p>
<p>&nbsp;&nbsp;{1}</p></div>
<div class="related"><h3>相关文章</h3><a href="/1">关于做好2022年度高新技术企业申报工作的通知</a></div></div>
<div class="footer">版权所有：瑞安市科学技术局 浙ICP备12345678号 地址：瑞安市安阳街道</div>
<script>document.write("网站访问量统计");</script></body></html>"""

# no content markers: the article is split across sibling <div>s, <p> and <head> are never closed,
# furniture uses HTML5 tags and a link farm holds more Chinese than the article
PLAIN_PAGE = """<html><head><meta charset="utf-8"><title>温州市科技局</title>
<body><header>温州市科学技术局 主办</header>
<nav>首页 | 新闻中心 | 政策法规 | 科技计划 | 互动交流 | 网上办事 | 专题专栏</nav>
<div class="wrap"><div class="side">{links}</div>
<div class="box"><h2>温州市2023年科技工作总结</h2>
<div><p>&ldquo;全市技术交易总额达120亿元&rdquo;，同比增长15%。<p>新增省级重点实验室3家。</div>
<div><p>新认定国家高新技术企业550家，<br>总数达3000家。</div>
<div><table><tr><td>指标</td><td>数值</td></tr><tr><td>研发投入</td><td>150亿元</td></tr></table></div>
</div></div>
<footer>主办单位：温州市科学技术局 技术支持：某某网络公司 网站标识码3303000001</footer></body></html>"""

PLAIN_LINKS = "".join(f'<a href="/n{i}">温州市科学技术局关于公布第{i}批科技型中小企业名单的通知</a><br>'
                      for i in range(12))
PLAIN_BODY = ("温州市2023年科技工作总结\n“全市技术交易总额达120亿元”，同比增长15%。\n新增省级重点实验室3家。\n"
              "新认定国家高新技术企业550家，\n总数达3000家。\n指标\t数值\n研发投入\t150亿元")

ARTICLE_PAGE = """<html><head><meta charset='utf-8'></head><body>
<div class="menu">首页 政务公开 科技创新 新闻动态</div>
<article><header><h1>不应出现的文章页眉</h1></header>
<section><p>乐清市今年新增省级科技型中小企业612家。</p><p>全市R&amp;D经费支出增长12.3%。</p></section>
<aside>延伸阅读：乐清市人民政府关于加快科技创新的若干意见</aside></article>
<div id="copyright">Copyright © 乐清市人民政府办公室</div></body></html>"""


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("gov.html", GOV_PAGE.format(*BODY_LINES).encode("gbk"), BODY),
        ("gov-undeclared.htm",
         GOV_PAGE.format(*BODY_LINES).replace("charset=gb2312", "").encode("gbk"), BODY),
        ("plain.html", PLAIN_PAGE.format(links=PLAIN_LINKS).encode("utf-8"), PLAIN_BODY),
        ("article.HTML", ARTICLE_PAGE.encode("utf-8"),
         "乐清市今年新增省级科技型中小企业612家。\n全市R&D经费支出增长12.3%。"),
    ],
)
def test_html_gives_the_article_without_furniture(tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    assert read_text(write(tmp_path, name, data)) == (expected, "html")


def test_html_with_only_furniture_is_empty(tmp_path: Path) -> None:
    page = ("<html><body><nav>首页 新闻</nav><script>var a='科技';</script>"
            "<footer>版权所有</footer></body></html>")
    with pytest.raises(UnreadableDocument, match="empty"):
        read_text(write(tmp_path, "furniture.html", page.encode("utf-8")))


@pytest.mark.parametrize("declared", ["utf-8", "iso-8859-1", "windows-1252"])
def test_html_declared_charset_wrong_falls_back_to_detection(tmp_path: Path, declared: str) -> None:
    page = (f'<html><head><meta charset="{declared}"></head><body><div id="zoom"><p>{BODY_LINES[0]}</p>'
            f"<p>{BODY_LINES[1]}<div>（来源：市科技局）</div></div></body></html>")
    expected = BODY + "\n（来源：市科技局）"
    assert read_text(write(tmp_path, "mislabelled.html", page.encode("gbk"))) == (expected, "html")


# --- DOCX ------------------------------------------------------------------------------------------
DOCX_CASES = [
    (para(run(BODY_LINES[0])) + para(run("全市研发投入"), run("占GDP比重达2.9%。")), BODY),
    # tabs, line breaks, an empty paragraph, tracked changes (deleted text is not text), a table
    (para(run("指标"), "<w:r><w:tab/></w:r>", run("数值")) + "<w:p/>"
     + para(run("新增企业"), "<w:del><w:r><w:delText>99家</w:delText></w:r></w:del>",
            "<w:ins><w:r><w:t>120家</w:t></w:r></w:ins>", "<w:r><w:br/></w:r>", run("同比增长7.7%"))
     + "<w:tbl><w:tr><w:tc>" + para(run("研发投入")) + "</w:tc><w:tc>" + para(run("150亿元"))
     + "</w:tc></w:tr></w:tbl>",
     "指标\t数值\n新增企业120家\n同比增长7.7%\n研发投入\n150亿元"),
]


@pytest.mark.parametrize(("body_xml", "expected"), DOCX_CASES)
def test_docx_paragraphs_become_lines(tmp_path: Path, body_xml: str, expected: str) -> None:
    path = write(tmp_path, "report.docx", docx_bytes(tmp_path, body_xml))
    assert read_text(path) == (expected, "docx")


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>',
        "<!doctype w:document>",
    ],
    ids=["external-entity", "entity-expansion", "bare-doctype"],
)
def test_docx_with_doctype_or_entities_is_refused(tmp_path: Path, prolog: str) -> None:
    path = write(tmp_path, "evil.docx", docx_bytes(tmp_path, para(run("科技")), prolog))
    with pytest.raises(UnreadableDocument) as info:
        read_text(path)
    assert info.value.reason == "unsafe XML (DOCTYPE/ENTITY declaration) in word/document.xml"


def test_docx_that_is_not_a_docx(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "other.docx", "w") as archive:
        archive.writestr("content.xml", "<x/>")
    cases = {
        "other.docx": "not a .docx (no word/document.xml)",
        write(tmp_path, "text.docx", "科技工作总结".encode()).name: "not a .docx (not a zip archive)",
        write(tmp_path, "broken.docx", docx_bytes(tmp_path, "<w:p>")).name: "malformed word/document.xml",
    }
    for name, reason in cases.items():
        with pytest.raises(UnreadableDocument) as info:
            read_text(tmp_path / name)
        assert info.value.reason.startswith(reason), name


# --- PDF -------------------------------------------------------------------------------------------
@pytest.fixture
def pypdf():
    """Only the PDF tests need pypdf: skip them, not the whole module, where it is not installed."""
    return pytest.importorskip("pypdf", reason="PDF reading needs pypdf (not yet pinned in pyproject)")


def test_pdf_text_layer_is_read(tmp_path: Path, pypdf) -> None:
    path = write(tmp_path, "report.pdf", pdf_bytes([BODY_LINES, ["第二页：乐清市新增省级孵化器2家"]]))
    assert read_text(path) == (BODY + "\n第二页：乐清市新增省级孵化器2家", "pdf")


@pytest.mark.parametrize(
    ("pdf", "reason"),
    [
        (lambda: pdf_bytes([["ignored"]], image_only=True), "no text layer (image-only PDF)"),
        (lambda: pdf_bytes([[], []]), "no text layer (image-only PDF)"),
        (lambda: pdf_bytes([BODY_LINES])[:300], "corrupt PDF"),
        (lambda: b"%PDF-1.4\n" + "not really a pdf 科技".encode(), "corrupt PDF"),
    ],
    ids=["image-only", "empty-pages", "truncated", "garbage"],
)
def test_pdf_without_text_says_why(tmp_path: Path, pypdf, pdf, reason: str) -> None:
    with pytest.raises(UnreadableDocument) as info:
        read_text(write(tmp_path, "scan.pdf", pdf()))
    assert info.value.reason.startswith(reason)


@pytest.mark.parametrize(("user_password", "readable"), [("secret", False), ("", True)])
def test_encrypted_pdf(tmp_path: Path, pypdf, user_password: str, readable: bool) -> None:
    """A PDF locked with a user password cannot be read; one with only an owner password (an empty
    user password: print/copy restrictions) opens like any reader would open it."""
    plain = write(tmp_path, "plain.pdf", pdf_bytes([BODY_LINES]))
    writer = pypdf.PdfWriter(clone_from=plain)
    writer.encrypt(user_password=user_password, owner_password="owner-secret")
    locked = tmp_path / "locked.pdf"
    writer.write(locked)
    if readable:
        assert read_text(locked) == (BODY, "pdf")
        return
    with pytest.raises(UnreadableDocument) as info:
        read_text(locked)
    assert info.value.reason == "encrypted PDF"
