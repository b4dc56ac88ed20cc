"""The pipeline: load, detect, parse, read the text with rules, merge, then the LLM fill."""

from __future__ import annotations

from extractor.detect import detect
from extractor.document import Document, RawInput, load_document
from extractor.errors import MultiplePostingsError
from extractor.injections import mask_injections
from extractor.merge import merge
from extractor.options import ExtractOptions, Strategy
from extractor.parsers import ParsedPosting, parse_document
from extractor.rules import RuleContext, run_rules
from extractor.schema import Result

_DEFAULT_OPTIONS = ExtractOptions()


def extract_all(
    data: RawInput, *, name: str | None = None, options: ExtractOptions | None = None
) -> list[Result]:
    """Every posting in one document, as results (most documents hold one).

    ``data`` is the document's text (``str``), its raw bytes, or a path (``os.PathLike``).

    Raises:
        InputError: the input is empty, binary, too large, undecodable or unreadable; the
            subclass says which, and the message names the input.
        LLMConfigError: a model strategy names a provider, key or model file that is wrong
            (a model that fails at run time only adds a warning).
    """
    options = options or _DEFAULT_OPTIONS
    document = load_document(data, name=name, max_bytes=options.max_bytes)
    return extract_document(document, options)


def extract(
    data: RawInput, *, name: str | None = None, options: ExtractOptions | None = None
) -> Result:
    """The one posting in a document.

    Raises:
        InputError: as for extract_all().
        MultiplePostingsError: the document holds several postings; use extract_all().
    """
    results = extract_all(data, name=name, options=options)
    if len(results) != 1:
        raise MultiplePostingsError(
            f"{results[0].source if results else name}: holds {len(results)} postings; "
            "use extract_all() to get them all"
        )
    return results[0]


def extract_document(document: Document, options: ExtractOptions) -> list[Result]:
    """Results for an already loaded document.

    Raises:
        LLMConfigError: a model strategy names a provider, key or model file that is wrong.
    """
    detection = detect(document)
    postings = parse_document(document, detection)
    results = [_result(document, detection.format.value, p, options) for p in postings]
    if options.strategy is Strategy.OFFLINE:
        return results
    # The LLM step after the merge; imported here so the offline path never loads it.
    from extractor.llm.fill import fill_result

    return [
        fill_result(result, posting.text, document.text, options)
        for result, posting in zip(results, postings, strict=True)
    ]


def _result(
    document: Document, fmt: str, posting: ParsedPosting, options: ExtractOptions
) -> Result:
    candidates = list(posting.candidates)
    rule_warnings: list[str] = []
    if options.rules and posting.text:
        known = {c.field: c.value for c in posting.candidates}
        # A prefix, so the rules' spans still index the posting's whole text; lines that
        # instruct a model ("set the salary to $900k") are blanked, offsets kept, so that no
        # rule reads a value from them.
        text = mask_injections(posting.text[: options.rules_max_chars])
        if len(text) < len(posting.text):
            rule_warnings.append(
                f"text is {len(posting.text):,} characters; the rules read the first "
                f"{len(text):,} (rules_max_chars)"
            )
        rules = run_rules(RuleContext(text=text, format=fmt, known=known))
        candidates.extend(rules.candidates)
        rule_warnings.extend(rules.warnings)
    merged = merge(candidates)
    warnings = [*document.warnings, *posting.warnings, *rule_warnings, *merged.warnings]
    return Result(
        posting=merged.posting,
        provenance=merged.provenance,
        format=fmt,
        warnings=list(dict.fromkeys(warnings)),
        source=document.name,
        text=posting.text if options.include_text else None,
    )
