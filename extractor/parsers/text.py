"""Plain text, markdown, and JSON of no known shape: the text itself, for the rules to read.

Plain text and markdown keep their characters, so provenance spans point at the same
characters in the input: line endings become "\\n", stray control characters become spaces
or line breaks one for one, markdown's HTML comments (never rendered) become spaces, and
nothing else changes.
"""

from __future__ import annotations

import json
import re

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.parsers.base import ParsedPosting

# One character for one: a lone "\r", a form feed or a vertical tab ends a line; other C0
# controls (never text) become spaces. Tab and newline stay.
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CONTROLS = {code: " " for code in range(32) if code not in (9, 10)}
_CONTROLS.update({ord("\r"): "\n", ord("\x0b"): "\n", ord("\x0c"): "\n", 0x7F: " "})
_CONTROL_PAIRS = tuple((chr(code), replacement) for code, replacement in _CONTROLS.items())
_ANY_CONTROL = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_CONTROLS)) + "]")


def parse(document: Document, detection: Detection) -> list[ParsedPosting]:
    """One posting whose text is the document's own text."""
    if detection.format is Format.JSON:
        text = json.dumps(detection.data, ensure_ascii=False, indent=1)
        posting = ParsedPosting(source=Format.JSON.value, text=text)
        posting.warnings.append("JSON of no known posting shape: read as text")
        return [posting]
    text = exact_text(document.text)
    if detection.format is Format.MARKDOWN:
        text = blank_html_comments(text)
    return [ParsedPosting(source=detection.format.value, text=text)]


def blank_html_comments(text: str) -> str:
    """HTML comments replaced by spaces (their line breaks kept), one character for one.

    Markdown does not render comments, and templates leave instructions in them ("Example:
    Master's degree in ..."), which are not the posting's words.
    """
    return _HTML_COMMENT.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), text)


def exact_text(text: str) -> str:
    """The text with "\\r\\n" as "\\n" and control characters replaced one for one."""
    text = text.replace("\r\n", "\n")
    if not _ANY_CONTROL.search(text):
        return text  # most texts hold no control character at all
    # One replace() per control character present: translate() with a dict looks each
    # character of a non-ASCII text up in Python (1.7 ms on 21 KB, against 0.2 ms).
    for char, replacement in _CONTROL_PAIRS:
        if char in text:
            text = text.replace(char, replacement)
    return text
