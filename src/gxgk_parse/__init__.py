"""gxgk_parse — Chinese government information-disclosure annual reports → statistics.

>>> import gxgk_parse
>>> report = gxgk_parse.parse_report(gxgk_parse.samples.read_text("000"))
>>> report.template, report.metadata.year
('pre2019', 2016)
>>> report["requests.received.by_mail"].value
11
"""

from . import samples
from ._version import __version__
from .api import parse_file, parse_report
from .decode import DecodeError
from .model import (
    Cell,
    Finding,
    MatchInfo,
    Metadata,
    Observation,
    ParseError,
    Report,
    Row,
    RuleDetail,
    Table,
    UnmappedCell,
)
from .schema import SCHEMAS, TEMPLATES, Indicator, Schema, get_schema

__all__ = [
    "SCHEMAS",
    "TEMPLATES",
    "Cell",
    "DecodeError",
    "Finding",
    "Indicator",
    "MatchInfo",
    "Metadata",
    "Observation",
    "ParseError",
    "Report",
    "Row",
    "RuleDetail",
    "Schema",
    "Table",
    "UnmappedCell",
    "__version__",
    "get_schema",
    "parse_file",
    "parse_report",
    "samples",
]
