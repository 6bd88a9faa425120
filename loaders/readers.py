"""Read the text of one source document (.txt, .html/.htm, .pdf, .docx), or say why it cannot be read.

`read_text(path)` returns `(raw_text, format)`; every failure is an `UnreadableDocument` naming the file
and the reason. Nothing here touches the network: HTML entities are decoded by `html.parser`, and the
.docx XML is refused outright when it declares a DOCTYPE or ENTITY.
"""
from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

# --- patterns -------------------------------------------------------------------------------------
CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
WHITESPACE_RUN_RE = re.compile(r"[ \t\r\n\f\v]+")
NEWLINE_RE = re.compile(r"\r\n?")
# <meta charset="gbk"> or <meta http-equiv="Content-Type" content="text/html; charset=gb2312">
META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# id/class values that mark the article body on Chinese government and newspaper sites
CONTENT_ATTR_RE = re.compile(
    r"(?:^|[\s_-])(?:content|article|trs_editor|zoom|main[_-]?text|text[_-]?content|detail|"
    r"news[_-]?text|ozoom|con[_-]?text|view|mainbody|article[_-]?body|wz[_-]?zw|zw)(?:$|[\s_-])",
    re.IGNORECASE,
)
# id/class values of page furniture that sites write as plain <div>s
BOILERPLATE_ATTR_RE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|header|top[_-]?bar|breadcrumb|crumbs?|sidebar|"
    r"share|copyright|position|location|related)(?:$|[\s_-])",
    re.IGNORECASE,
)
UNSAFE_XML_RE = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)

# --- constants ------------------------------------------------------------------------------------
TEXT_ENCODINGS = ("utf-8", "gb18030")  # gb18030 is a superset of GBK and GB2312
BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "utf8": "utf-8"}
# Western single-byte labels decode anything, and Chinese pages carrying them are usually GBK: detect instead
IGNORED_CHARSETS = frozenset({"iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "ascii", "us-ascii"})
MAX_ODD_CHAR_SHARE = 0.02  # share of control / private-use / unassigned characters that means "binary"
MAX_FILE_BYTES = 50 * 1024 * 1024  # a larger source file is rejected unread
MAX_DOCX_XML_BYTES = 64 * 1024 * 1024  # word/document.xml is read up to this many bytes, whatever its header says
MAX_ZIP_RATIO = 100  # and refused when it inflates more than this many times its compressed size (above 1 MB)
ZIP_RATIO_FLOOR = 1024 * 1024
MAX_HTML_DEPTH = 400  # elements nested deeper are flattened into the deepest one kept
DROPPED_TAGS = frozenset(
    {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "head", "form",
     "iframe", "svg", "select", "button"}
)
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
     "track", "wbr"}
)
BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
     "article", "blockquote", "pre", "dd", "dt", "dl", "center", "hr", "main", "figure", "figcaption",
     "tbody", "thead"}
)
CELL_TAGS = frozenset({"td", "th"})
P_CLOSERS = frozenset(
    {"p", "div", "ul", "ol", "dl", "table", "section", "article", "aside", "blockquote", "pre", "h1", "h2",
     "h3", "h4", "h5", "h6", "header", "footer", "nav", "form", "hr", "main", "figure"}
)
PARAGRAPH_TAGS = frozenset(
    {"p", "span", "font", "strong", "b", "em", "i", "u", "sub", "sup", "br", "h1", "h2", "h3", "h4", "h5",
     "h6", "blockquote", "pre", "center", "li"}
)
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


class UnreadableDocument(ValueError):
    """A source file whose text cannot be read; `reason` says why."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_text(path: Path) -> tuple[str, str]:
    """The text of a document and its format (`txt`, `html`, `pdf`, `docx`); raises UnreadableDocument."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableDocument(path, f"unsupported extension {path.suffix.lower() or '(none)'}")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableDocument(path, f"too large: {size / 1e6:.1f} MB (limit {MAX_FILE_BYTES / 1e6:.0f} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(path, f"cannot open file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise UnreadableDocument(path, "empty")
    fmt, read = reader
    text = NEWLINE_RE.sub("\n", read(path, data))
    if not text.strip():
        raise UnreadableDocument(path, "empty")
    return text, fmt


# --- plain text -----------------------------------------------------------------------------------
def decode_text(path: Path, data: bytes, preferred: str | None = None) -> str:
    """Bytes → str: BOM, else the preferred charset, else UTF-8, else GB18030; all strict."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _strict_decode(path, data, (encoding,))
    if b"\x00" in data:
        raise UnreadableDocument(path, "binary content")
    encodings = ((preferred,) if preferred else ()) + TEXT_ENCODINGS
    return _strict_decode(path, data, encodings)


def _strict_decode(path: Path, data: bytes, encodings: tuple[str, ...]) -> str:
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_binary(text):
            raise UnreadableDocument(path, "binary content")
        return text.removeprefix("\ufeff")
    raise UnreadableDocument(path, f"undecodable text (tried {', '.join(encodings)})")


def _looks_binary(text: str) -> bool:
    odd = sum(1 for ch in text if ch not in "\t\n\r\f" and unicodedata.category(ch) in ("Cc", "Co", "Cn"))
    return odd > MAX_ODD_CHAR_SHARE * max(len(text), 1)


def _read_txt(path: Path, data: bytes) -> str:
    return decode_text(path, data)


# --- HTML -----------------------------------------------------------------------------------------
@dataclass
class HtmlNode:
    """An element of the parsed page; `children` holds text strings and nested nodes in order."""

    tag: str
    attrs: str = ""  # id and class values, space-joined
    children: list[HtmlNode | str] = field(default_factory=list)
    parent: HtmlNode | None = None
    dropped: bool = False  # inside navigation, scripts or other page furniture


class _TreeBuilder(HTMLParser):
    """A forgiving tree builder: leaves out furniture subtrees, closes unclosed <p>, ignores stray end tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = HtmlNode("#root")
        self.stack: list[HtmlNode] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        parent = self.stack[-1]
        if tag == "body" and any(n.tag == "head" for n in self.stack):
            self.handle_endtag("head")  # a page that never closes <head>
            parent = self.stack[-1]
        if tag in P_CLOSERS and parent.tag == "p":  # as in browsers: a block start ends an open <p>
            self.handle_endtag("p")
            parent = self.stack[-1]
        marks = " ".join(v for k, v in attrs if k in ("id", "class") and v)
        furniture = tag in DROPPED_TAGS or (
            tag not in ("html", "body") and BOILERPLATE_ATTR_RE.search(marks) is not None
        )
        if len(self.stack) > MAX_HTML_DEPTH:  # bounded depth: deeper elements add their text to this one
            return
        node = HtmlNode(tag, marks, parent=parent, dropped=parent.dropped or furniture)
        if not node.dropped:
            parent.children.append(node)
        if tag not in VOID_TAGS:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self.stack[-1].dropped:
            self.stack[-1].children.append(data)


def _cjk_counts(root: HtmlNode, counts: dict[int, int]) -> int:
    """CJK characters under each node, not counting link text (menus and 'related articles'); iterative."""
    for node in reversed(list(_walk(root, skip="a"))):  # children before their parents; links not counted
        total = 0
        for child in node.children:
            if isinstance(child, str):
                total += len(CJK_RE.findall(child))
            elif child.tag != "a":
                total += counts[id(child)]
        counts[id(node)] = total
    return counts[id(root)]


def _walk(root: HtmlNode, skip: str | None = None) -> Iterator[HtmlNode]:
    """Every node in document order (pre-order), without recursion; not entering `skip` elements."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed([c for c in node.children if isinstance(c, HtmlNode) and c.tag != skip]))


def _own_cjk(node: HtmlNode, counts: dict[int, int]) -> int:
    """CJK characters in a node's own text and its paragraph-like children (not nested blocks or links)."""
    own = 0
    for child in node.children:
        if isinstance(child, str):
            own += len(CJK_RE.findall(child))
        elif child.tag in PARAGRAPH_TAGS:
            own += counts.get(id(child), 0)
    return own


def choose_body(root: HtmlNode) -> HtmlNode:
    """The element holding the article: a marked content element if it holds most of the text,
    else the densest text block, widened to its parent while that adds much more text."""
    counts: dict[int, int] = {}
    total = _cjk_counts(root, counts)
    nodes = list(_walk(root))
    marked = [n for n in nodes if n.tag == "article" or CONTENT_ATTR_RE.search(n.attrs)]
    if marked:
        best = max(counts.get(id(n), 0) for n in marked)
        if best and best >= 0.5 * total:
            # the deepest marked element that still holds (nearly) all of the marked text
            return [n for n in marked if counts.get(id(n), 0) >= 0.9 * best][-1]
    node = max((n for n in nodes if id(n) in counts), key=lambda n: _own_cjk(n, counts))
    while node.parent is not None and counts.get(id(node.parent), 0) >= 1.3 * counts.get(id(node), 0):
        node = node.parent
    return node


def _collapsed(child: HtmlNode | str) -> HtmlNode | str:
    return WHITESPACE_RUN_RE.sub(" ", child) if isinstance(child, str) else child


def render_text(node: HtmlNode) -> str:
    """The text of a node: block elements break lines, whitespace collapses, empty lines go."""
    parts: list[str] = []
    todo: list[HtmlNode | str] = [_collapsed(c) for c in reversed(node.children)]  # strings: output as they are
    while todo:
        child = todo.pop()
        if isinstance(child, str):
            parts.append(child)
            continue
        closer = "\n" if child.tag in BLOCK_TAGS else "\t" if child.tag in CELL_TAGS else ""
        if child.tag in BLOCK_TAGS:
            parts.append("\n")
        todo.append(closer)
        todo.extend(_collapsed(c) for c in reversed(child.children))
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def html_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag within its first 4 KB, if any."""
    match = META_CHARSET_RE.search(data[:4096])
    if not match:
        return None
    name = match[1].decode("ascii", "replace").lower()
    return None if name in IGNORED_CHARSETS else CHARSET_ALIASES.get(name, name)


def _read_html(path: Path, data: bytes) -> str:
    builder = _TreeBuilder()
    builder.feed(decode_text(path, data, preferred=html_charset(data)))
    builder.close()
    return render_text(choose_body(builder.root))


# --- PDF ------------------------------------------------------------------------------------------
def _read_pdf(path: Path, data: bytes) -> str:
    try:
        import pypdf  # noqa: F401
    except ImportError as exc:
        raise UnreadableDocument(path, "PDF support needs the pypdf package") from exc
    try:
        pages = _pdf_pages(path)
    except UnreadableDocument:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        raise UnreadableDocument(path, f"corrupt PDF ({type(exc).__name__}: {exc})") from exc
    text = "\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise UnreadableDocument(path, "no text layer (image-only PDF)")
    return text


def _pdf_pages(path: Path) -> list[str]:
    """The text layer of each page; an encrypted PDF is read only when its user password is empty."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    reader = PdfReader(path)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError as exc:
            raise UnreadableDocument(path, f"encrypted PDF ({exc})") from exc
        if not opened:
            raise UnreadableDocument(path, "encrypted PDF")
    return [page.extract_text() or "" for page in reader.pages]


# --- DOCX -----------------------------------------------------------------------------------------
def _docx_xml(path: Path) -> str:
    """word/document.xml as text, refused when it is missing, huge, or declares a DOCTYPE/ENTITY."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_DOCX_XML_BYTES:
                raise UnreadableDocument(path, "word/document.xml too large")
            data = _read_member(path, archive, info)
    except zipfile.BadZipFile as exc:
        reason = "not a .docx (not a zip archive)" if "File is not a zip file" in str(exc) else f"damaged .docx ({exc})"
        raise UnreadableDocument(path, reason) from exc
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, RuntimeError) as exc:
        raise UnreadableDocument(path, f"damaged or unsupported .docx ({type(exc).__name__}: {exc})") from exc
    except KeyError as exc:
        raise UnreadableDocument(path, "not a .docx (no word/document.xml)") from exc
    encoding = next((enc for bom, enc in BOMS if data.startswith(bom)), "utf-8")
    try:
        xml = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(path, "word/document.xml is not UTF-8/UTF-16") from exc
    if UNSAFE_XML_RE.search(xml):
        raise UnreadableDocument(path, "unsafe XML (DOCTYPE/ENTITY declaration) in word/document.xml")
    return xml.removeprefix("\ufeff")


def _read_member(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A zip member's bytes, read in chunks and stopped at MAX_DOCX_XML_BYTES or MAX_ZIP_RATIO × its
    compressed size, whatever the header claims (a zip bomb is refused, not inflated)."""
    limit = min(MAX_DOCX_XML_BYTES, max(ZIP_RATIO_FLOOR, MAX_ZIP_RATIO * max(info.compress_size, 1)))
    chunks: list[bytes] = []
    total = 0
    with archive.open(info) as member:
        while chunk := member.read(1 << 20):
            total += len(chunk)
            if total > limit:
                raise UnreadableDocument(path, f"word/document.xml inflates beyond {limit / 1e6:.0f} MB "
                                               f"({info.compress_size:,} bytes compressed): refused as a zip bomb")
            chunks.append(chunk)
    return b"".join(chunks)


def _paragraph_lines(element: ElementTree.Element) -> Iterator[str]:
    """One line per w:p in document order; text boxes inside a paragraph come after it."""
    if element.tag == MC_FALLBACK:
        return
    if element.tag != W_NS + "p":
        for child in element:
            yield from _paragraph_lines(child)
        return
    pieces: list[str] = []
    nested: list[ElementTree.Element] = []
    _collect_runs(element, pieces, nested)
    yield "".join(pieces)
    for paragraph in nested:
        yield from _paragraph_lines(paragraph)


def _collect_runs(element: ElementTree.Element, pieces: list[str], nested: list[ElementTree.Element]) -> None:
    for child in element:
        if child.tag == MC_FALLBACK:
            continue
        if child.tag == W_NS + "p":
            nested.append(child)
        elif child.tag == W_NS + "t":
            pieces.append(child.text or "")
        elif child.tag == W_NS + "tab":
            pieces.append("\t")
        elif child.tag in (W_NS + "br", W_NS + "cr"):
            pieces.append("\n")
        elif child.tag == W_NS + "noBreakHyphen":
            pieces.append("-")
        else:
            _collect_runs(child, pieces, nested)


def _read_docx(path: Path, data: bytes) -> str:
    try:
        root = ElementTree.fromstring(_docx_xml(path))
    except ElementTree.ParseError as exc:
        raise UnreadableDocument(path, f"malformed word/document.xml ({exc})") from exc
    lines = (line.strip() for line in _paragraph_lines(root))
    return "\n".join(line for line in lines if line)


READERS: dict[str, tuple[str, Callable[[Path, bytes], str]]] = {
    ".txt": ("txt", _read_txt),
    ".html": ("html", _read_html),
    ".htm": ("html", _read_html),
    ".pdf": ("pdf", _read_pdf),
    ".docx": ("docx", _read_docx),
}
