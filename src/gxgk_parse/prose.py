"""Statistics stated in sentences: ``共收到政府信息公开申请26件，其中网上申请13件…``.

Reports restate (and sometimes contradict) their tables in prose, and prose-only reports have
no table at all. This module reads those sentences with a list of patterns kept as data:
each rule ties a *label* (the words printed right before a number) to an indicator id.

Precision comes first — a wrong number is worse than a missing one — so a rule only fires
when

* the label is immediately followed by the number (only filler such as ``的``, ``数``, ``为``,
  ``共有`` may sit between them) and the number by its unit;
* the number is exact: ``20余个``, ``约800条``, ``6万张左右``, ``3万余份`` never match, and a
  percentage, a date, a phone number or a document number has no unit a rule accepts;
* the clause does not speak of another period (``累计``, ``上年``, ``截至12月20日``);
* the context the rule asks for is there: request channels and outcomes need an
  information-request paragraph (or a heading such as ``三、依申请公开情况`` above it),
  review and litigation totals need ``信息公开`` in their sentence (or a heading naming
  复议/诉讼), and ``被依法纠错`` is read as 行政复议 or 行政诉讼 by the topic last named in its
  sentence.

Rules are tried most specific first; a number claimed by one rule is not read again. Zeros
stated in words (``未收到…行政复议申请``, ``均未收费``) are separate phrase rules whose span is
the phrase itself.

The vocabulary decides the template era, never the year: ``收到申请`` reads as the pre-2019
``requests.received``, ``新收`` as the 2019/2021 cell ``requests.new.total``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import Any, TypedDict

import attrs
import regex

from ._prose_index import (
    Candidates,
    NumberLayout,
    Recall,
    RuleIndex,
    Search,
    Words,
    char_class,
    literal_strings,
    occurs_before,
    searcher,
)
from .model import Finding, MatchInfo, Observation, Value, new_observation
from .normalize import NormalizedText

__all__ = ["NumberRule", "PhraseRule", "extract_prose"]

_MONEY = frozenset({"万元", "元"})

# Filler allowed between a label and its number: `申请答复数共有5件`, `行政复议数量为1件`.
# Possessive and bounded; no filler contains a digit, so nothing is given back.
_FILL_WORDS = ("数量", "总数", "共计", "合计", "总计", "达到", "共有", "一共", "的", "数", "为", "是",
               "共", "计", "达", "有", ":")  # fmt: skip
_FILL_TOKENS = 6  # words or single spaces or tabs
_FILL = rf"(?:{'|'.join(_FILL_WORDS)}|[ \t]){{0,{_FILL_TOKENS}}}+"
# The number: plain digits, or thousands groups (checked against the original text later).
_NUM = r"(?<![\d.,])(?P<n>\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?)"
# Word exports wrap a number onto its own line (`新增主动公开政府信息` / `2110` / `条`).
_WRAP = r"[ \t]*(?:\n[ \t]*)?"
# An exact number is not followed by `左右`, `以上`, `多`, `余`; `件次` is not a count of cases.
_AFTER = r"(?!左右|以上|以下|之多|多|余|次)"

_CLAUSE_SEPS = ",;。:!?\n"
_SENTENCE_SEPS = ";。!?\n"
_SENTENCE_END = regex.compile(r"[。;]")
_HEADING_MARK = regex.compile(
    r"[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、]"
)

# Words in the clause before a label that make the number describe another period or scope.
_FORBID_ALWAYS = regex.compile(
    r"累计|历年|去年|上年(?!度?结转)|上一年|同比|截[至止](?:目前|今|当前)|以来累计"
)
# A year-to-date figure: `（截至12月20日）`, `1-11月`, `上半年`.
_PARTIAL_YEAR = regex.compile(
    r"截[至止](?:\d{4}年)?(?!12月(?:31日|底|末))\d{1,2}月"
    r"|上半年|前三季度|(?<!\d)1[-—~至到](?:1[01]|[1-9])月(?!\d)"
)

# Context words that place a sentence among information requests.
_REQ_CONTEXT = regex.compile(
    r"依申请|信息公开申请|公开申请|申请公开|申请总[数量]|申请数|申请答复|申请办结|收到申请"
)
# Vocabulary that only the 2019/2021 template uses (予以公开 is too common in older prose).
_Y2019_CONTEXT = regex.compile(r"新收|上年结转|结转下年|不予处理|无法提供|办理结果")
# How far back (and a quarter as far ahead) the era vocabulary is looked for: a section.
_ERA_WINDOW = 1200
_DISCLOSURE = regex.compile(r"信息公开")
_REFUSAL_CONTEXT = regex.compile(r"不同意公开|不予公开")
# The words that name a section's topic (see :func:`_topic_at`).
_TOPIC_NAME = {"行政复议": "review", "行政诉讼": "litigation"}


@attrs.frozen
class NumberRule:
    """A label followed by a number: one indicator, one pattern.

    Attributes:
        indicator: the indicator id the number is a value of.
        name: the rule's name, reported as ``MatchInfo.label``.
        pattern: compiled pattern with groups ``label``, ``n`` (the number) and ``unit``.
        confidence: how sure a match is, 0..1 (``MatchInfo.score``).
        topic: ``review`` or ``litigation`` when the label is shared by both sections; the
            topic last named in the sentence before the label must be this one.
        context: must occur before the number in its paragraph (or, with ``in_sentence``,
            its sentence), at most ``window`` characters back ...
        heading: ... or in one of the short heading lines just above the paragraph.
        era: ``pre2019`` or ``2019``: the template vocabulary the rule belongs to, judged
            from the 2019-only words (新收, 上年结转, 不予处理…) in the text before the label.
        forbid: must not occur in the clause before the label.
        window: how far back ``context`` looks.
        in_sentence: look for ``context`` in the sentence only (subjects that change from
            one sentence to the next, such as review counts in a 法治政府 paragraph).
    """

    indicator: str
    name: str
    pattern: regex.Pattern[str]
    confidence: float
    topic: str | None = None
    context: regex.Pattern[str] | None = None
    heading: regex.Pattern[str] | None = None
    era: str | None = None
    forbid: regex.Pattern[str] | None = None
    window: int = 400
    in_sentence: bool = False


@attrs.frozen
class PhraseRule:
    """A zero stated in words: ``未发生…行政诉讼``, ``全部免费``.

    Attributes:
        name: the rule's name, reported as ``MatchInfo.label``.
        pattern: compiled pattern; the whole match is the phrase (raw and span).
        targets: ``(keyword, indicator, unit)``: each keyword found in the phrase yields a
            zero of that indicator (an empty keyword always does).
        confidence: how sure a match is, 0..1.
        context: must occur in the phrase's sentence ...
        heading: ... or in one of the short heading lines just above its paragraph.
        spoilers: words right after the phrase (same clause) that make it something else than
            a plain zero (``未发生行政诉讼败诉``).
    """

    name: str
    pattern: regex.Pattern[str]
    targets: tuple[tuple[str, str, str], ...]
    confidence: float
    context: regex.Pattern[str] | None = None
    heading: regex.Pattern[str] | None = None
    spoilers: regex.Pattern[str] | None = None


def _rule(
    indicator: str,
    name: str,
    label: str,
    units: str,
    confidence: float,
    *,
    topic: str | None = None,
    context: regex.Pattern[str] | None = None,
    heading: regex.Pattern[str] | None = None,
    era: str | None = None,
    forbid: str | None = None,
    window: int = 400,
    in_sentence: bool = False,
) -> NumberRule:
    pattern = regex.compile(
        rf"(?P<label>{label}){_FILL}{_WRAP}{_NUM}{_WRAP}(?P<unit>{units}){_AFTER}"
    )
    return NumberRule(
        indicator=indicator,
        name=name,
        pattern=pattern,
        confidence=confidence,
        topic=topic,
        context=context,
        heading=heading,
        era=era,
        forbid=regex.compile(forbid) if forbid else None,
        window=window,
        in_sentence=in_sentence,
    )


# Units by subject. Requests and cases may be counted in 件, 宗, 起; people never count.
_U_REQ = "件|宗|起|份|条"
_U_CASE = "件|宗|起|例"
_U_INFO = "条|件"
_U_TIMES = "场次|次|场|期"
_U_PEOPLE = "人次|人|名"
_U_MONEY = "万元|元"


class _Context(TypedDict, total=False):
    context: regex.Pattern[str]
    heading: regex.Pattern[str]
    era: str
    window: int
    in_sentence: bool


# Contexts: request paragraphs, their headings, disclosure-related review and litigation.
_REQ: _Context = {"context": _REQ_CONTEXT, "heading": regex.compile(r"申请")}
_REQ_2019: _Context = {**_REQ, "era": "2019"}
_REQ_PRE2019: _Context = {**_REQ, "era": "pre2019"}
_REFUSED: _Context = {"context": _REFUSAL_CONTEXT}
_CASES: _Context = {
    "context": _DISCLOSURE,
    "heading": regex.compile(r"复议|诉讼"),
    "in_sentence": True,
}
_NEAR_DISCLOSURE: _Context = {"context": _DISCLOSURE, "in_sentence": True}
# Totals of review and litigation are not pending cases or lost cases.
_CASE_FORBID = r"尚未|未审结|审结|败诉|胜诉|纠错|纠正|维持|撤销"

# Labels shared by several rules.
_RECEIVED_OBJ = (
    r"(?:各类|涉及)?(?:政府信息公开|信息公开|依申请公开|公开政府信息)(?:的)?(?:政府信息)?申请"
)
_CLOSED = r"申请办结(?:数)?|办结(?:政府信息公开|信息公开)?申请(?:数)?"

#: Number rules, most specific first: a number claimed by an earlier rule is not read again.
# The table is laid out by hand, one rule per entry.
# fmt: off
NUMBER_RULES: tuple[NumberRule, ...] = (
    # -- 主动公开 (pre-2019 table rows and their prose forms) --------------------------------
    _rule("proactive.normative_docs", "主动公开规范性文件",
          r"主动公开(?:的)?(?:行政)?规范性文件(?:数)?", "条|件|份", 0.9),
    _rule("proactive.channels.gazette", "政府公报公开信息",
          r"(?:政府)?公报(?:主动)?(?:公开|发布|刊登)(?:政府|政务)?信息(?:数)?", _U_INFO, 0.9),
    _rule("proactive.channels.weibo", "微博公开信息",
          r"微博(?:平台)?(?:共)?(?:主动)?(?:公开|发布)(?:政府|政务)?信息(?:、新闻)?(?:数)?",
          _U_INFO, 0.85),
    _rule("proactive.channels.wechat", "微信公开信息",
          r"微信(?:公众号|平台)?(?:共)?(?:主动)?(?:公开|发布)(?:政府|政务)?信息(?:、新闻)?(?:数)?",
          _U_INFO, 0.85),
    _rule("proactive.channels.website", "政府网站公开信息",
          r"(?:政府(?:门户)?|门户)网站(?:主动)?(?:公开|发布)(?:政府|政务)?信息(?:数)?",
          _U_INFO, 0.9),
    _rule("proactive.channels.other", "其他方式公开信息",
          r"其他(?:方式|渠道|途径)(?:主动)?公开(?:政府|政务)?信息(?:数)?", _U_INFO, 0.9),
    # The total: `主动公开政府信息N条`, `共公开各类信息N条`. A channel or a part in the clause
    # (`在…网`, `通过…`, `其中`) makes the number something else.
    _rule("proactive.total", "主动公开政府信息",
          r"(?:主动公开|共公开|共主动公开)(?:各类)?(?:政府)?信息(?:数)?", _U_INFO, 0.85,
          forbid=r"其中|在|通过|网站|微博|微信|公报|平台"),
    # -- 依申请公开, 2019/2021 vocabulary --------------------------------------------------
    _rule("requests.new.total", "新收申请",
          r"新收(?:到)?(?:的)?(?:各类)?(?:政府信息公开|信息公开|公开政府信息)?申请", _U_REQ, 0.9),
    _rule("requests.carried_over.total", "上年结转申请",
          r"上(?:一)?年(?:度)?结转(?:的)?(?:政府信息公开|信息公开)?申请", _U_REQ, 0.9),
    _rule("requests.carried_forward.total", "结转下年度",
          r"结转(?:至|到)?下(?:一)?年度?(?:继续)?(?:办理)?", _U_REQ, 0.9),
    _rule("requests.processed.total", "办结申请 (2019)",
          rf"{_CLOSED}|办理结果(?:总计|合计)", _U_REQ, 0.8, **_REQ_2019),
    _rule("requests.result.granted.total", "予以公开", r"予以公开", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.partial.total", "部分公开 (2019)",
          r"(?<!同意)部分公开", _U_REQ, 0.8, **_REQ_2019),
    _rule("requests.result.refused.state_secret.total", "属于国家秘密",
          r"属于国家秘密", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.refused.law_prohibited.total", "其他法律行政法规禁止公开",
          r"其他法律行政法规禁止公开", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.refused.security_stability.total", "危及三安全一稳定",
          r"危及[\"“]?三安全一稳定[\"”]?", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.refused.third_party.total", "保护第三方合法权益",
          r"保护第三方合法权益", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.refused.internal_affairs.total", "属于三类内部事务信息",
          r"属于三类内部事务信息", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.refused.process_info.total", "属于四类过程性信息",
          r"属于四类过程性信息", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.refused.enforcement_file.total", "属于行政执法案卷",
          r"属于行政执法案卷", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.refused.admin_query.total", "属于行政查询事项",
          r"属于行政查询事项", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.unable.not_held.total", "本机关不掌握相关政府信息",
          r"本机关不掌握(?:相关)?政府信息", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.unable.needs_creation.total", "没有现成信息需要另行制作",
          r"没有现成信息需要另行制作", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.unable.unclear.total", "补正后申请内容仍不明确",
          r"补正后申请内容仍不明确", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.not_processed.petition.total", "信访举报投诉类申请",
          r"信访举报投诉类申请", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.not_processed.excessive.total", "无正当理由大量反复申请",
          r"无正当理由大量反复申请", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.not_processed.repeat.total", "重复申请",
          r"(?<!反复)重复申请", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.not_processed.publication.total", "要求提供公开出版物",
          r"要求提供公开出版物", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.not_processed.confirmation.total", "要求确认或重新出具已获取信息",
          r"要求行政机关确认或重新出具已获取信息", _U_REQ, 0.85, **_REQ_2019),
    # -- 依申请公开, pre-2019 vocabulary ---------------------------------------------------
    _rule("requests.received", "收到申请",
          rf"(?<!新)收到{_RECEIVED_OBJ}|(?<!新)收到申请(?:数)?", _U_REQ, 0.9),
    _rule("requests.received", "受理申请", rf"受理{_RECEIVED_OBJ}", _U_REQ, 0.85),
    _rule("requests.received.in_person", "当面申请",
          r"当面(?:提交|提出)?申请(?:数)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.received.by_fax", "传真申请",
          r"传真(?:提交|提出)?申请(?:数)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.received.online", "网络申请",
          r"(?:网上|网络|在线)(?:提交|提出)?申请(?:数)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.received.by_mail", "信函申请",
          r"(?:信函|来信)(?:提交|提出)?申请(?:数)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.closed", "申请办结", _CLOSED, _U_REQ, 0.85, **_REQ_PRE2019),
    _rule("requests.closed.on_time", "按时办结",
          r"按(?:时|期)办结(?:数)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.closed.extended", "延期办结", r"延期办结(?:数)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.answered", "申请答复",
          r"申请答复(?:数)?|答复(?:政府信息公开|信息公开)?申请(?:数)?", _U_REQ, 0.85, **_REQ),
    _rule("requests.answered.already_public", "属于已主动公开范围",
          r"(?<!不)属于已(?:经)?(?:主动)?(?:在)?公开(?:范围)?(?:内)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.answered.partially_granted", "同意部分公开",
          r"同意部分公开(?:答复)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.answered.refused", "不同意公开",
          r"不同意公开(?:答复)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.answered.granted", "同意公开",
          r"(?<!不)同意公开(?:答复)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.answered.not_this_agency", "不属于本行政机关公开",
          r"不属于本(?:行政)?机关(?:公开)?(?:范围)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.answered.not_exist", "申请信息不存在",
          r"(?:申请)?(?:公开的)?信息不存在", _U_REQ, 0.9, **_REQ),
    _rule("requests.answered.asked_to_amend", "告知作出更改补充",
          r"告知(?:作出|做出)?(?:更改补充|补充更改|更改、补充|补充、更改)", _U_REQ, 0.9, **_REQ),
    _rule("requests.answered.other_channel", "告知通过其他途径办理",
          r"告知(?:通过)?(?:转)?其他途径(?:办理)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.answered.refused.state_secret", "涉及国家秘密",
          r"涉及国家秘密", _U_REQ, 0.85, **_REFUSED),
    _rule("requests.answered.refused.commercial_secret", "涉及商业秘密",
          r"涉及商业秘密", _U_REQ, 0.85, **_REFUSED),
    _rule("requests.answered.refused.privacy", "涉及个人隐私",
          r"涉及个人隐私", _U_REQ, 0.85, **_REFUSED),
    _rule("requests.answered.refused.endangers_security", "危及国家安全…社会稳定",
          r"危及国家安全、公共安全、经济安全(?:和|与|、)社会稳定", _U_REQ, 0.85, **_REFUSED),
    _rule("requests.answered.refused.not_government_info", "不是条例所指政府信息",
          r"不是《?条例》?所指(?:应公开的)?政府信息", _U_REQ, 0.85, **_REFUSED),
    _rule("requests.answered.refused.other_legal", "法律法规规定的其他情形",
          r"法律(?:、)?法规规定的其他情形", _U_REQ, 0.85, **_REFUSED),
    # -- 行政复议 / 行政诉讼 -----------------------------------------------------------------
    _rule("litigation.direct.total", "未经复议直接起诉",
          r"未经(?:行政)?复议(?:直接)?(?:起诉|提起(?:行政)?诉讼)", _U_CASE, 0.85, **_CASES),
    _rule("litigation.after_review.total", "复议后起诉",
          r"(?:经)?复议后(?:起诉|提起(?:行政)?诉讼)", _U_CASE, 0.85, **_CASES),
    _rule("review.total", "行政复议",
          r"行政复议(?:申请|案件)?(?:数量|数)?", _U_CASE, 0.85, forbid=_CASE_FORBID, **_CASES),
    _rule("litigation.total", "行政诉讼",
          r"行政诉讼(?:案件)?(?:数量|数)?", _U_CASE, 0.85, forbid=_CASE_FORBID, **_CASES),
    _rule("litigation.upheld", "维持具体行政行为或驳回原告诉讼请求",
          r"维持(?:原)?具体行政行为(?:或者?驳回原告(?:的)?诉讼请求)?|驳回原告(?:的)?诉讼请求",
          _U_CASE, 0.8, topic="litigation"),
    _rule("review.upheld", "维持具体行政行为",
          r"维持(?:原)?具体行政行为|结果维持|维持原(?:行政行为|决定)", _U_CASE, 0.8, topic="review"),
    _rule("litigation.corrected", "被依法纠错 (诉讼)",
          r"(?:被)?依法纠错|被纠错", _U_CASE, 0.8, topic="litigation"),
    _rule("review.corrected", "被依法纠错 (复议)",
          r"(?:被)?依法纠错|被纠错|结果纠正", _U_CASE, 0.8, topic="review"),
    _rule("litigation.other", "其他情形 (诉讼)",
          r"(?<!规定的)其他情形", _U_CASE, 0.8, topic="litigation"),
    _rule("review.other", "其他情形 (复议)",
          r"(?<!规定的)其他(?:情形|结果)", _U_CASE, 0.8, topic="review"),
    _rule("review.pending", "尚未审结", r"尚未审结", _U_CASE, 0.8, topic="review"),
    _rule("complaints.total", "举报投诉",
          r"(?<!信访)(?:举报投诉|投诉举报|举报|投诉)(?:案件|事项)?(?:数量|数)?", _U_CASE, 0.8,
          context=_DISCLOSURE, window=40, in_sentence=True),
    # -- 收费 ---------------------------------------------------------------------------------
    _rule("fees.total", "收取费用",
          r"收取(?:的)?(?:费用|信息处理费)(?:总额|合计|金额)?|信息处理费", _U_MONEY, 0.8,
          context=regex.compile(r"信息公开|申请"), in_sentence=True),
    # -- 机构建设, 会议和培训 (pre-2019 table rows) ------------------------------------------------
    _rule("capacity.dedicated_units", "政府信息公开专门机构",
          r"政府信息公开(?:工作)?专门机构(?:数)?", "个|家", 0.85),
    _rule("capacity.reading_points", "政府信息公开查阅点",
          r"(?:设置|设立)?政府信息公开查阅(?:点|场所)(?:数)?", "个|处", 0.85,
          forbid=r"级|部门"),
    _rule("capacity.staff", "从事政府信息公开工作人员",
          r"从事政府信息公开(?:工作)?(?:的)?(?:工作)?人员(?:数)?", "人|名", 0.85),
    _rule("capacity.staff.full_time", "专职人员",
          r"专职(?:工作)?人员(?:数)?", "人|名", 0.8, **_NEAR_DISCLOSURE),
    _rule("capacity.staff.part_time", "兼职人员",
          r"兼职(?:工作)?人员(?:数)?", "人|名", 0.8, **_NEAR_DISCLOSURE),
    _rule("capacity.budget", "政府信息公开专项经费",
          r"(?:政府)?信息公开(?:工作)?专项经费", _U_MONEY, 0.85),
    _rule("training.meetings", "召开政府信息公开工作会议",
          r"召开(?:政府)?信息公开(?:工作)?(?:会议|专题会议|工作会议)(?:数)?", _U_TIMES, 0.85),
    _rule("training.courses", "举办培训班",
          r"举办(?:各类)?(?:政府)?(?:信息公开)?(?:业务)?培训班(?:数)?", "次|期|个", 0.8,
          **_NEAR_DISCLOSURE),
    _rule("training.trainees", "接受培训人员",
          r"接受培训(?:人员|人数)(?:数)?|培训(?:各类)?人员(?:数)?", _U_PEOPLE, 0.8,
          **_NEAR_DISCLOSURE),
    # -- 回应解读 (pre-2019 table rows) ---------------------------------------------------------
    _rule("response.press_conferences.by_principal", "主要负责同志参加新闻发布会",
          r"主要负责同志参加(?:主要)?新闻发布会(?:次数)?", "场次|次|场", 0.85),
    _rule("response.online_interviews.by_principal", "主要负责同志参加在线访谈",
          r"主要负责同志参加政府网站在线访谈(?:次数|数)?", "次|场|期", 0.85),
    _rule("response.hotspots", "回应公众关注热点",
          r"回应(?:公众关注)?热点(?:或重大舆情)?(?:数)?", "次|个|条", 0.8),
    _rule("response.press_conferences", "参加或举办新闻发布会",
          r"(?:参加或)?举办(?:各类)?新闻发布会(?:总次数|次数)?", "场次|次|场", 0.8),
    _rule("response.online_interviews", "政府网站在线访谈",
          r"政府网站在线访谈(?:次数)?", "次|场|期", 0.8),
    _rule("response.interpretations", "政策解读稿件",
          r"政策解读稿件(?:发布数)?|发布政策解读稿件", "篇|条|件", 0.8),
    _rule("response.weibo_wechat", "微博微信回应事件",
          r"微博微信回应事件(?:数)?", "次|件|个", 0.85),
    _rule("response.other", "其他方式回应事件",
          r"其他方式回应事件(?:数)?", "次|件|个", 0.85),
)
# fmt: on

# `共收到5件依申请公开`: the number before the noun.
_RECEIVED_REVERSED = NumberRule(
    indicator="requests.received",
    name="收到N件申请",
    pattern=regex.compile(
        rf"(?P<label>(?<!新)收到){_WRAP}{_NUM}{_WRAP}(?P<unit>件|份|宗)"
        r"(?=(?:的)?(?:各类)?(?:依申请公开|政府信息公开|信息公开|公开政府信息))"
    ),
    confidence=0.8,
)

_ALL_NUMBER_RULES: tuple[NumberRule, ...] = (*NUMBER_RULES, _RECEIVED_REVERSED)

_REVIEW_LITIGATION = (("行政复议", "review.total", "件"), ("行政诉讼", "litigation.total", "件"))

#: Zeros stated in words. Only phrases whose meaning is unambiguous; `无依申请公开案例` and
#: `无受理…投诉` are deliberately left out (they do not say which count is zero).
PHRASE_RULES: tuple[PhraseRule, ...] = (
    PhraseRule(
        name="未收到/未发生…行政复议/行政诉讼",
        pattern=regex.compile(
            r"(?:(?:未|没有)(?:收到|发生|接到|出现|产生|受理|办理|被提起|提起|被申请|涉及)"
            r"|(?<!有)无(?!论|法|正当|须|需|关|偿))"
            r"[^,;。:!?\n\d]{0,16}?(?:行政复议|行政诉讼)"
            r"(?:(?:申请|案件)?(?:[、和及与或]|以及)(?:被?提起|申请|发生)?(?:行政复议|行政诉讼))?"
        ),
        targets=_REVIEW_LITIGATION,
        confidence=0.8,
        context=_DISCLOSURE,
        heading=regex.compile(r"复议|诉讼"),
        spoilers=regex.compile(r"败诉|胜诉|纠错|纠正|撤销|违法|\d"),
    ),
    PhraseRule(
        name="未收费/全部免费",
        pattern=regex.compile(
            r"没有(?:向(?:申请人|公民、法人(?:和|或)其他组织))?收(?:取)?(?:任何)?费(?:用)?"
            r"|均未收(?:取)?(?:任何)?费(?:用)?"
            r"|全部免费"
            r"|未(?:向申请人)?收取(?:任何)?(?:费用|信息处理费)"
        ),
        targets=(("", "fees.total", "万元"),),
        confidence=0.8,
        context=regex.compile(r"申请"),
        spoilers=regex.compile(r"\d"),
    ),
)


# -- searching near a match ----------------------------------------------------------------
#
# Every rule match asks where its clause and its sentence begin and end, and whether some
# words occur in them. The answers never copy the text: the separator nearest before an
# offset is the first one after it in the reversed text (one forward search in C, which
# stops there), and words are looked for between two offsets (:func:`searcher`), which finds
# what a search of the slice finds.

# A separator; searched for in the reversed text, the nearest one before an offset.
_CLAUSE_SEP = re.compile(char_class(_CLAUSE_SEPS)).search
_SENTENCE_SEP = re.compile(char_class(_SENTENCE_SEPS)).search

_SepSearch = Callable[[str, int, int], "re.Match[str] | None"]


def _back_to(backwards: str, pos: int, limit: int, sep: _SepSearch) -> int:
    """Start of the clause or sentence holding *pos*: just after the last separator.

    Looks at most *limit* characters back, in the reversed text *backwards*, where the
    last separator before *pos* is the first one from ``len - pos`` on.
    """
    n = len(backwards)
    lo = pos - limit if pos > limit else 0
    m = sep(backwards, n - pos, n - lo)
    return n - m.start() if m is not None else lo


def _forward_to(text: str, pos: int, limit: int, sep: _SepSearch) -> int:
    """End of the clause or sentence holding *pos*: the next separator."""
    hi = min(len(text), pos + limit)
    m = sep(text, pos, hi)
    return m.start() if m is not None else hi


# The 2019 vocabulary, for :class:`Recall`: the era is asked about a section around each
# match, sections that overlap.
_ERA_2019_WORDS = Words.of(literal_strings(_Y2019_CONTEXT.pattern, ()) or ())
# Every year-to-date phrase holds 月, 半 (上半年) or 季 (前三季度). A report holds a few of
# them; where a match's sentence and clause hold none, there is nothing to search.
_PARTIAL_YEAR_MARKS = ("月", "半", "季")
# How far back a sentence, and how far ahead the rest of a clause, is read.
_SENTENCE_REACH = 200
_TAIL_REACH = 20


class _Text:
    """The text being read, with what the checks of its matches look up in it."""

    __slots__ = ("_era_2019", "_marks", "backwards", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.backwards = text[::-1]
        self._marks: list[int] | None = None
        self._era_2019: Recall | None = None

    def era_2019(self, start: int, end: int) -> bool:
        """Whether the 2019 template's vocabulary occurs in ``text[start:end]``."""
        if self._era_2019 is None:
            self._era_2019 = Recall(_ERA_2019_WORDS, self.text)
        return self._era_2019(start, end)

    def partial_year(self, label_start: int, end: int) -> bool:
        """Whether the sentence before a label, or the rest of the clause after its match,
        speaks of part of the year only.

        Only where one of the marks is at most a sentence's reach before the label or a
        clause's after the match is the sentence looked for, and only where a mark is in
        the sentence or after it is the text searched.
        """
        marks = self._marks
        if marks is None:
            # Where the marks are, in order (``str.find``: memchr speed), found once.
            text = self.text
            marks = []
            for mark in _PARTIAL_YEAR_MARKS:
                i = text.find(mark)
                while i >= 0:
                    marks.append(i)
                    i = text.find(mark, i + 1)
            marks.sort()
            self._marks = marks
        stop = end + _TAIL_REACH
        i = bisect_left(marks, label_start - _SENTENCE_REACH)
        if i == len(marks) or marks[i] >= stop:
            return False
        sentence_start = _back_to(self.backwards, label_start, _SENTENCE_REACH, _SENTENCE_SEP)
        i = bisect_left(marks, sentence_start, i)
        if i == len(marks) or marks[i] >= stop:
            return False
        text = self.text
        if _PARTIAL_YEAR.search(text[sentence_start:label_start]):
            return True
        tail_end = _forward_to(text, end, _TAIL_REACH, _CLAUSE_SEP)
        return _PARTIAL_YEAR.search(text[end:tail_end]) is not None


class _Excluded:
    """Normalised spans (statistics tables) that prose extraction must not read from."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for s, e in sorted((int(s), int(e)) for s, e in spans if e > s):
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        self._starts = [s for s, _ in merged]
        self._spans = merged

    def __bool__(self) -> bool:
        return bool(self._spans)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)
        return i > 0 and self._spans[i - 1][1] > start

    def gaps(self, length: int) -> list[tuple[int, int]]:
        """The spans of a text of *length* characters between the excluded ones."""
        gaps = []
        pos = 0
        for s, e in [*self._spans, (length, length)]:
            if pos < min(s, length):
                gaps.append((pos, min(s, length)))
            pos = max(pos, e)
        return gaps


# No topic word overlaps another (or itself): none holds another, no end of one begins one.
assert not any(
    (a != b and b in a) or any(a.endswith(b[:i]) for i in range(1, len(b)))
    for a in _TOPIC_NAME
    for b in _TOPIC_NAME
)


def _topic_at(text: str, start: int, pos: int) -> str | None:
    """The section topic (``review``/``litigation``) last named in ``text[start:pos]``.

    The topic words cannot overlap one another, so the last one named is the one found
    furthest along.
    """
    topic = None
    last = -1
    for word, name in _TOPIC_NAME.items():
        found = text.rfind(word, start, pos)
        if found > last:
            topic, last = name, found
    return topic


def _heading_says(text: str, pos: int, pattern: regex.Pattern[str]) -> bool:
    """Whether one of the (at most three) headings just above *pos*'s line matches.

    Headings such as ``六、政府信息公开申请行政复议、提起行政诉讼的情况`` give the following
    paragraph its subject when the sentence itself does not repeat it. A heading is a short
    line led by an enumeration marker (``六、``, ``（二）``, ``3.``) that is not a sentence.
    """
    end = text.rfind("\n", 0, pos)
    seen = 0
    while end > 0 and seen < 3 and pos - end < 600:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line:
            seen += 1
            if (
                len(line) <= 60
                and _HEADING_MARK.match(line)
                and not _SENTENCE_END.search(line)
                and pattern.search(line)
            ):
                return True
        end = start - 1
    return False


def _either(pattern: regex.Pattern[str], other: regex.Pattern[str] | None) -> Search:
    """A search for *pattern* or *other* between two offsets: one search for both."""
    if other is None:
        return searcher(pattern)
    if other.flags == pattern.flags:
        return searcher(regex.compile(f"(?:{pattern.pattern})|(?:{other.pattern})", pattern.flags))
    first, second = searcher(pattern), searcher(other)

    def either(text: str, start: int, end: int) -> Any:
        return first(text, start, end) or second(text, start, end)

    return either


def _group_numbers(pattern: Any) -> tuple[int, int, int]:
    groups = pattern.groupindex
    return groups["label"], groups["n"], groups["unit"]


class _NumberCheck:
    """A number rule, with what its matches are read and checked with prepared once."""

    __slots__ = (
        "context",
        "era",
        "forbidden",
        "groups",
        "heading",
        "in_sentence",
        "indicator",
        "info",
        "pattern",
        "plain_groups",
        "plain_pattern",
        "rule",
        "topic",
        "window",
    )

    def __init__(self, rule: NumberRule, plain_pattern: Any) -> None:
        self.rule = rule
        self.indicator = rule.indicator
        self.info = MatchInfo("pattern", rule.confidence, rule.name)
        # Words in the clause before the label that make the number something else.
        self.forbidden = _either(_FORBID_ALWAYS, rule.forbid)
        # The subject of the sentence or paragraph, usually named shortly before the label.
        self.context = occurs_before(rule.context) if rule.context is not None else None
        self.heading = rule.heading
        self.in_sentence = rule.in_sentence
        self.window = rule.window
        self.topic = rule.topic
        self.era = rule.era
        # The label, number and unit groups by number (``Match.regs`` gives every span at
        # once; a group name costs a lookup), in the pattern and in the one for ASCII digits.
        self.pattern = rule.pattern
        self.plain_pattern = plain_pattern
        self.groups = _group_numbers(rule.pattern)
        self.plain_groups = _group_numbers(plain_pattern)

    def passes(self, view: _Text, label_start: int, label_end: int, end: int) -> bool:
        """Whether the context of a match (its label, and where it ends) lets the rule fire."""
        text = view.text
        backwards = view.backwards
        n = len(text)
        # The clause before the label must not speak of another period or scope …
        lo = label_start - 60 if label_start > 60 else 0
        sep = _CLAUSE_SEP(backwards, n - label_start, n - lo)
        clause_start = n - sep.start() if sep is not None else lo
        if clause_start > 2 and text.startswith("其中", clause_start - 3):
            # `其中，…` puts the whole clause under the previous one.
            clause = "其中" + text[clause_start:label_start]
            if self.forbidden(clause, 0, len(clause)):
                return False
        elif self.forbidden(text, clause_start, label_start):
            return False
        # … nor the sentence before it, or the rest of the clause after the match, of part
        # of the year only.
        if view.partial_year(label_start, end):
            return False
        if self.topic is not None:
            sentence_start = _back_to(backwards, label_start, _SENTENCE_REACH, _SENTENCE_SEP)
            if _topic_at(text, sentence_start, label_start) != self.topic:
                return False
        if self.context is not None:
            window = self.window
            if self.in_sentence:
                start = _back_to(backwards, label_start, window, _SENTENCE_SEP)
            else:  # the line
                lo = label_start - window if label_start > window else 0
                newline = text.rfind("\n", lo, label_start)
                start = newline + 1 if newline >= 0 else lo
            if not self.context(text, backwards, start, label_end) and not (
                self.heading is not None and _heading_says(text, label_start, self.heading)
            ):
                return False
        return self.era is None or _era_ok(self.era, view, end)


def _era_ok(era: str, view: _Text, pos: int) -> bool:
    window_end = min(len(view.text), pos + _ERA_WINDOW // 4)
    is_2019 = view.era_2019(max(0, pos - _ERA_WINDOW), window_end)
    return is_2019 == (era == "2019")


# Digits (with separators) of the longest number read as a value: beyond any statistic
# (the same bound as a table cell's, :func:`gxgk_parse.numbers.read_cell`).
_MAX_DIGITS = 40


def _read_number(nt: NormalizedText, span: tuple[int, int], unit: str) -> Value:
    """The value of the number at *span*, or ``None`` when it is not an exact value of *unit*."""
    start, end = span
    if end - start > _MAX_DIGITS:
        # No count or sum of money in a report has that many digits; ``int`` refuses more
        # than 4300 of them (ValueError) and is quadratic in their number below that.
        return None
    digits = nt.text[start:end]
    if "," in digits:
        # A full-width comma in the original separates clauses, not thousands.
        o_start, o_end = nt.span_to_original(start, end)
        if "，" in nt.original[o_start:o_end]:
            return None
        digits = digits.replace(",", "")
    if not digits.isascii() and not digits.replace(".", "").isdecimal():
        # ``\d`` follows ``regex``'s Unicode database, which may know digits the running
        # Python's does not (Kawi, Garay …): ``int`` and ``Decimal`` refuse those.
        return None
    if unit in _MONEY:
        return Decimal(digits)
    if "." in digits:
        return None
    return int(digits)


def _observation(
    nt: NormalizedText,
    indicator: str,
    value: int | Decimal,
    unit: str,
    span: tuple[int, int],
    match: MatchInfo,
) -> Observation:
    """An observation for the normalised *span*, mapped back to the original text."""
    start, end = span
    original = span if nt.offsets_preserved else nt.span_to_original(start, end)
    return new_observation(
        indicator,
        value,
        unit,
        nt.original[original[0] : original[1]],
        original,
        nt.line_of(start),
        "prose",
        match,
        "zero" if value == 0 else "number",
    )


# -- reading the rules -----------------------------------------------------------------------

# Where the rules can match, found from what is rarer than their labels: the units after
# numbers, the first characters of phrases (see :mod:`gxgk_parse._prose_index`). The
# number rules, then the phrase rules; a number rule is laid out as label, filler, number,
# unit, with the filler only in the rules built by :func:`_rule`.
_INDEX = RuleIndex(
    [rule.pattern for rule in _ALL_NUMBER_RULES],
    [rule.pattern for rule in PHRASE_RULES],
    NumberLayout(
        fill=_FILL,
        fill_words=_FILL_WORDS,
        fill_tokens=_FILL_TOKENS,
        between=(_FILL + _WRAP + _NUM + _WRAP, _WRAP + _NUM + _WRAP),
    ),
)
_PHRASE_BASE = len(_ALL_NUMBER_RULES)
_NUMBER_CHECKS = tuple(map(_NumberCheck, _ALL_NUMBER_RULES, _INDEX.plain_patterns))


def _number_observations(nt: NormalizedText, view: _Text, excluded: _Excluded) -> list[Observation]:
    """The observations of the number rules: each number is claimed by the first rule (in
    the table's order) that reads it.

    Number by number: every match of a rule holds the first number after its label (no
    label or filler holds a digit), so the matches of one rule with different numbers never
    overlap (no label starts inside a number or unit: :attr:`RuleIndex.by_number`), and
    its matches with one number all start before that number and overlap one another:
    ``finditer`` gives the first (the one at the smallest offset) and skips the others.
    Trying the rules in order at each number's offsets, stopping at the first rule whose
    match is read, therefore reads what trying each rule over the whole text in order
    reads, with a claim on each number read.
    """
    if not _INDEX.by_number:
        return _number_observations_by_rule(nt, view, excluded)
    text = view.text
    overlaps = excluded.overlaps if excluded else None
    found: list[Observation] = []
    for lo, hi in excluded.gaps(len(text)):
        for plain, label_end, candidates in _INDEX.numbers(text, view.backwards, lo, hi):
            tried = -1
            for k, length in candidates:
                if k == tried:
                    continue  # inside the rule's match with this number: finditer skips it
                check = _NUMBER_CHECKS[k]
                pattern = check.plain_pattern if plain else check.pattern
                m = pattern.match(text, label_end - length)
                if m is None:
                    continue
                tried = k
                observation = _read(nt, view, check, m, plain, overlaps)
                if observation is not None:
                    found.append(observation)
                    break  # the number is claimed
    return found


def _read(
    nt: NormalizedText,
    view: _Text,
    check: _NumberCheck,
    m: Any,
    plain: bool,
    overlaps: Callable[[int, int], bool] | None,
) -> Observation | None:
    """The observation a number rule's match gives, if its context lets it."""
    label, number, unit_group = check.plain_groups if plain else check.groups
    spans = m.regs
    start, end = spans[0]
    if overlaps is not None and overlaps(start, end):
        return None
    label_start, label_end = spans[label]
    if not check.passes(view, label_start, label_end, end):
        return None
    num_span: tuple[int, int] = spans[number]
    unit_start, unit_end = spans[unit_group]
    unit = view.text[unit_start:unit_end]
    value = _read_number(nt, num_span, unit)
    if value is None:
        return None
    return _observation(nt, check.indicator, value, unit, num_span, check.info)


def _number_observations_by_rule(
    nt: NormalizedText, view: _Text, excluded: _Excluded
) -> list[Observation]:
    """:func:`_number_observations` rule by rule, for rules the index cannot try number by
    number: every match of a rule, then of the next."""
    text = view.text
    starts = _INDEX.starts(text)
    overlaps = excluded.overlaps if excluded else None
    claimed: set[tuple[int, int]] = set()
    found: list[Observation] = []
    for k in _INDEX.tried(starts, 0, _PHRASE_BASE):
        check = _NUMBER_CHECKS[k]
        number = (check.plain_groups if starts.plain else check.groups)[1]
        for m in _INDEX.matches(k, text, starts):
            num_span: tuple[int, int] = m.regs[number]
            if num_span not in claimed:
                observation = _read(nt, view, check, m, starts.plain, overlaps)
                if observation is not None:
                    claimed.add(num_span)
                    found.append(observation)
    return found


class _PhraseCheck:
    """A phrase rule, with what its matches are checked with prepared once."""

    __slots__ = ("context", "heading", "info", "rule", "spoilers")

    def __init__(self, rule: PhraseRule) -> None:
        self.rule = rule
        self.info = MatchInfo("phrase", rule.confidence, rule.name)
        self.spoilers = searcher(rule.spoilers) if rule.spoilers is not None else None
        self.context = searcher(rule.context) if rule.context is not None else None
        self.heading = rule.heading

    def passes(self, view: _Text, start: int, end: int) -> bool:
        """Whether the context of a zero phrase lets the rule fire."""
        text = view.text
        if self.spoilers is not None and self.spoilers(
            text, end, _forward_to(text, end, 30, _CLAUSE_SEP)
        ):
            return False
        if self.context is None:
            return True
        sentence_start = _back_to(view.backwards, start, 200, _SENTENCE_SEP)
        if self.context(text, sentence_start, _forward_to(text, end, 200, _SENTENCE_SEP)):
            return True
        return self.heading is not None and _heading_says(text, start, self.heading)


_PHRASE_CHECKS = tuple(map(_PhraseCheck, PHRASE_RULES))


def _phrase_observations(nt: NormalizedText, view: _Text, excluded: _Excluded) -> list[Observation]:
    text = view.text
    starts = Candidates()
    _INDEX.phrase_starts(text, starts)
    overlaps = excluded.overlaps if excluded else None
    found: list[Observation] = []
    for k in _INDEX.tried(starts, _PHRASE_BASE, len(_INDEX.patterns)):
        check = _PHRASE_CHECKS[k - _PHRASE_BASE]
        for m in _INDEX.matches(k, text, starts):
            start, end = m.span()
            if (overlaps is not None and overlaps(start, end)) or not check.passes(
                view, start, end
            ):
                continue
            phrase = m.group()
            for keyword, indicator, unit in check.rule.targets:
                if keyword in phrase:
                    zero: int | Decimal = Decimal(0) if unit in _MONEY else 0
                    found.append(_observation(nt, indicator, zero, unit, (start, end), check.info))
    return found


def _conflicts(observations: Sequence[Observation]) -> list[Finding]:
    """One finding per indicator that the prose states with two different values."""
    first: dict[str, Observation] = {}
    findings: list[Finding] = []
    reported: set[str] = set()
    for obs in observations:
        prev = first.setdefault(obs.indicator, obs)
        if prev.value != obs.value and obs.indicator not in reported:
            reported.add(obs.indicator)
            findings.append(
                Finding(
                    code="prose-conflict",
                    severity="warning",
                    message=(
                        f"the prose states {obs.indicator} twice with different values: "
                        f"{prev.raw!r} (line {prev.line}) and {obs.raw!r} (line {obs.line})"
                    ),
                    span=obs.span,
                    line=obs.line,
                    indicators=(obs.indicator,),
                )
            )
    return findings


_BY_SPAN = attrgetter("span", "indicator")


def extract_prose(
    nt: NormalizedText, *, exclude: Sequence[tuple[int, int]] = ()
) -> tuple[list[Observation], list[Finding]]:
    """Read the statistics stated in the report's sentences.

    Args:
        nt: the normalised report text.
        exclude: normalised-text spans of detected statistics tables; nothing inside them is
            read.

    Returns:
        The prose observations in document order (``origin="prose"``, spans in the original
        text, ``kind="zero"`` for zero values) and findings: ``prose-conflict`` when the prose
        gives one indicator two different values.
    """
    excluded = _Excluded(exclude)
    view = _Text(nt.text)
    observations = _number_observations(nt, view, excluded) + _phrase_observations(
        nt, view, excluded
    )
    observations.sort(key=_BY_SPAN)
    return observations, _conflicts(observations)
