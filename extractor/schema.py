"""The posting (SPEC section 1) and the result envelope with provenance (SPEC section 2)."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

SCHEMA_VERSION = "1"

WorkplaceType = Literal["onsite", "hybrid", "remote"]
EmploymentType = Literal[
    "FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"
]
Seniority = Literal["intern", "entry", "mid", "senior", "lead", "manager", "director", "executive"]
Education = Literal["none", "high_school", "associate", "bachelor", "master", "doctorate"]
Period = Literal["HOUR", "DAY", "WEEK", "MONTH", "YEAR"]
Status = Literal["open", "closed"]
RemoteRegion = Literal[
    "Worldwide",
    "Americas",
    "North America",
    "Latin America",
    "Europe",
    "EU",
    "EMEA",
    "APAC",
    "Africa",
    "Middle East",
    "Oceania",
]
REMOTE_REGIONS: tuple[str, ...] = RemoteRegion.__args__  # type: ignore[attr-defined]

EMPLOYMENT_TYPES: tuple[str, ...] = EmploymentType.__args__  # type: ignore[attr-defined]
SENIORITIES: tuple[str, ...] = Seniority.__args__  # type: ignore[attr-defined]
EDUCATIONS: tuple[str, ...] = Education.__args__  # type: ignore[attr-defined]
PERIODS: tuple[str, ...] = Period.__args__  # type: ignore[attr-defined]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Location(_Strict):
    """A place where the job is based."""

    city: str | None = Field(None, description="The city as written.")
    region: str | None = Field(
        None, description='The state or province, written in full ("New York").'
    )
    country: str | None = Field(
        None, description='ISO 3166-1 alpha-2 code ("US", "GR").', pattern=r"^[A-Z]{2}$"
    )


class Salary(_Strict):
    """Pay in whole units of the currency. A single figure sets min and max alike."""

    min: float | None = Field(None, ge=0, description='Lowest amount; "180K" is 180000.')
    max: float | None = Field(None, ge=0, description="Highest amount.")
    currency: str | None = Field(
        None, description='ISO 4217 code ("USD", "EUR").', pattern=r"^[A-Z]{3}$"
    )
    period: Period | None = Field(None, description="HOUR, DAY, WEEK, MONTH or YEAR.")


class ExperienceYears(_Strict):
    """Years of experience asked for: "5+ years" is min 5, max null."""

    min: int | None = Field(None, ge=0, le=60)
    max: int | None = Field(None, ge=0, le=60)


FIELD_DESCRIPTIONS: dict[str, str] = {
    "title": (
        "The job title as the employer states it, without the company name, location, or "
        'remote markers. Level words stay: "Senior Machine Learning Engineer".'
    ),
    "company": (
        'The hiring organization as commonly written ("Spotify"). For a posting on a job '
        "board, the employer, not the board."
    ),
    "department": 'Team, group or business unit named for the role ("Advertising").',
    "locations": "Each place where the job is based: city, region, ISO 3166-1 alpha-2 country.",
    "workplace_type": "Where the work happens: onsite, hybrid or remote.",
    "remote_eligibility": (
        "For remote or hybrid work: where applicants may live. ISO 3166-1 alpha-2 codes or "
        "one of Worldwide, Americas, North America, Latin America, Europe, EU, EMEA, APAC, "
        "Africa, Middle East, Oceania."
    ),
    "employment_type": "schema.org employment types: FULL_TIME, PART_TIME, CONTRACTOR, ...",
    "seniority": (
        "The level the posting states: intern, entry (junior, graduate, associate, I), "
        "mid (II, intermediate), senior (Sr., III), lead (staff, principal), manager "
        "(manages people), director (head of), executive (VP, C-level)."
    ),
    "salary": "Pay that the employer states.",
    "salary_estimate": "Pay that a third party estimates (a salary site's own estimate).",
    "experience_years": 'Years of experience asked for: "5+ years" is {min: 5, max: null}.',
    "education": 'The lowest degree the posting asks for ("BS/MS or equivalent": bachelor).',
    "skills": "Hard skills asked for or named as the job's tools. No soft skills.",
    "date_posted": "When it was published, YYYY-MM-DD.",
    "valid_through": "When applications close, YYYY-MM-DD.",
    "url": "The posting's own address, where the document states it.",
    "apply_url": "Where to apply, where it differs from url or is the only address given.",
    "status": "closed where the document says the job no longer takes applications, else open.",
    "visa_sponsorship": "Stated sponsorship (true) or stated refusal (false).",
    "responsibilities": "What the person will do: one item per bullet or sentence, as written.",
    "requirements": "What the person must have: one item per bullet or sentence, as written.",
    "nice_to_have": "What is preferred but not required.",
    "benefits": "Pay-related perks, leave, insurance, equipment, and the like.",
}


def _field(name: str, default: Any = None, **kwargs: Any) -> Any:
    return Field(default, description=FIELD_DESCRIPTIONS[name], **kwargs)


def _list_field(name: str) -> Any:
    return Field(default_factory=list, description=FIELD_DESCRIPTIONS[name])


class Posting(_Strict):
    """One job posting, SPEC section 1 (schema version 1). Empty means not stated."""

    title: str | None = _field("title")
    company: str | None = _field("company")
    department: str | None = _field("department")
    locations: list[Location] = _list_field("locations")
    workplace_type: WorkplaceType | None = _field("workplace_type")
    remote_eligibility: list[str] = _list_field("remote_eligibility")
    employment_type: list[EmploymentType] = _list_field("employment_type")
    seniority: Seniority | None = _field("seniority")
    salary: Salary | None = _field("salary")
    salary_estimate: Salary | None = _field("salary_estimate")
    experience_years: ExperienceYears | None = _field("experience_years")
    education: Education | None = _field("education")
    skills: list[str] = _list_field("skills")
    date_posted: str | None = _field("date_posted", pattern=r"^\d{4}-\d{2}-\d{2}$")
    valid_through: str | None = _field("valid_through", pattern=r"^\d{4}-\d{2}-\d{2}$")
    url: str | None = _field("url")
    apply_url: str | None = _field("apply_url")
    status: Status | None = _field("status")
    visa_sponsorship: bool | None = _field("visa_sponsorship")
    responsibilities: list[str] = _list_field("responsibilities")
    requirements: list[str] = _list_field("requirements")
    nice_to_have: list[str] = _list_field("nice_to_have")
    benefits: list[str] = _list_field("benefits")


POSTING_FIELDS: tuple[str, ...] = tuple(Posting.model_fields)
LIST_FIELDS: frozenset[str] = frozenset(
    name for name, info in Posting.model_fields.items() if info.default_factory is list
)


@lru_cache(maxsize=len(POSTING_FIELDS))
def field_adapter(name: str) -> TypeAdapter[Any]:
    """A validator for one Posting field: its type and constraints, without the other fields.

    Checking a value this way gives the same verdict and message as validating a Posting
    that holds only that field, at an eighth of the cost (no defaults to build).
    """
    info = Posting.model_fields[name]
    annotated: Any = Annotated[info.annotation, info]  # built at run time from the model
    return TypeAdapter(annotated)


def is_empty(value: object) -> bool:
    """True for the values SPEC treats as "not stated": None and empty lists or strings."""
    return value is None or value == [] or value == ""


class Provenance(_Strict):
    """Which parser, rule or model gave a field, and the span of the text that supports it."""

    source: str = Field(description='"jsonld", "greenhouse", "rule:salary", "llm:<model>", ...')
    span: tuple[int, int] | None = Field(
        None, description="Character offsets [start, end) in the result's text, where known."
    )
    prompt: str | None = Field(
        None, description='For a model\'s value: the prompt id and version ("extract_fields.v1").'
    )


class Usage(_Strict):
    """What the LLM step cost for this document."""

    llm_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    retries: int = 0
    cached: bool = False
    cost_usd: float | None = None


class Result(_Strict):
    """One posting's extraction: SPEC section 2."""

    posting: Posting
    provenance: dict[str, Provenance] = Field(default_factory=dict)
    format: str
    warnings: list[str] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    schema_version: str = SCHEMA_VERSION
    source: str | None = Field(None, description="The input's name: a path, or '<stdin>'.")
    text: str | None = Field(
        None,
        description="The posting's cleaned text, which spans index. Left out of CLI output "
        "unless asked for.",
    )
