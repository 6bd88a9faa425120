"""Mark the extracted numbers in a document's text: overlapping spans merge into one mark that links to
the first observation's row and carries anchors for the others."""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from markupsafe import Markup


@dataclass
class Mark:
    start: int
    end: int
    observation_ids: list[str] = field(default_factory=list)


def merge_spans(spans: list[tuple[int, int, str]]) -> list[Mark]:
    """(char_start, char_end, observation_id) → marks over the union of overlapping spans, in text order."""
    marks: list[Mark] = []
    for start, end, obs_id in sorted(spans):
        if marks and start < marks[-1].end:
            marks[-1].end = max(marks[-1].end, end)
            marks[-1].observation_ids.append(obs_id)
        else:
            marks.append(Mark(start, end, [obs_id]))
    return marks


def highlight_body(body: str, spans: list[tuple[int, int, str]]) -> Markup:
    """The escaped body with each number wrapped in <a class="fact" id="n-OBS" href="#row-OBS">."""
    parts: list[str] = []
    at = 0
    for mark in merge_spans(spans):
        first, *others = mark.observation_ids
        anchors = "".join(f'<span id="n-{o}"></span>' for o in others)
        parts.append(escape(body[at:mark.start]))
        parts.append(f'<a class="fact" id="n-{first}" href="#row-{first}" data-observations="{" ".join(mark.observation_ids)}"'
                     f' title="{len(mark.observation_ids)} fact(s)">{anchors}{escape(body[mark.start:mark.end])}</a>')
        at = mark.end
    parts.append(escape(body[at:]))
    return Markup("".join(parts))


def highlight_in_sentence(sentence: str, number: str) -> Markup:
    """The sentence with the number's first occurrence in <mark>."""
    at = sentence.find(number) if number else -1
    if at < 0:
        return Markup(escape(sentence))
    return Markup(f"{escape(sentence[:at])}<mark>{escape(number)}</mark>{escape(sentence[at + len(number):])}")
