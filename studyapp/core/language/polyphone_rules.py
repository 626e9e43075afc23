"""Hand-written context rules for single-character tokens with several readings.

They are one piece of evidence for the learned reading model
(reading_model.py), which weighs them against the network, the words and
the data; alone they decide nothing. Each rule looks at the neighbouring
tokens; the first that matches names a reading. Example::

    >>> reading_by_rule("还", Context(["他", "还", "钱"], 1))
    ('huan2', 0)
    >>> reading_by_rule("得", Context(["我", "得", "走", "了"], 1))
    ('dei3', 0)
    >>> reading_by_rule("地", Context(["低", "低", "地", "说"], 2))
    ('de5', 0)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_NUMERAL = set("一二两三四五六七八九十百千万几半每第这那哪多某")
_DIGIT_RE = re.compile(r"[0-9０-９]")
_PRONOUNS = {"我", "你", "他", "她", "它", "我们", "你们", "他们", "她们", "咱们", "大家", "您", "人", "谁", "自己"}
_ADVERBS_BEFORE_MODAL = {"就", "还", "也", "都", "可", "总", "又", "才", "先", "非", "一定", "必须", "真", "却", "只", "那", "那就", "恐怕", "得"}
_PUNCT = set("，。！？；：、,.!?;:…—")
#: Things that get wet and dry: 衣服干了, 头发还没干.
_DRY_THINGS = {"衣服", "头发", "衣裳", "被子", "毛巾", "油漆", "墙", "地面", "皮肤", "嘴唇", "眼泪", "袜子", "鞋", "床单", "水", "泥", "颜料", "墨", "墨水"}
#: Word classes that make the next 地 adverbial (adjective, adverb, status word, idiom).
_ADVERBIAL = ("a", "d", "z", "i")


class Context:
    """A token's neighbours, skipping spaces, and their word classes (word_classes.py)."""

    def __init__(self, words: Sequence[str], index: int, classify: Callable[[str], str] | None = None) -> None:
        self.words = words
        self.index = index
        self.classify = classify or (lambda word: "w" if not word else "n")

    def _neighbour(self, step: int, count: int) -> str:
        k, seen = self.index, 0
        while True:
            k += step
            if not 0 <= k < len(self.words):
                return ""
            if self.words[k].strip():
                seen += 1
                if seen == count:
                    return self.words[k]

    def prev(self, n: int = 1) -> str:
        return self._neighbour(-1, n)

    def next(self, n: int = 1) -> str:
        return self._neighbour(1, n)

    def prev_class(self) -> str:
        return self.classify(self.prev())

    def next_class(self) -> str:
        return self.classify(self.next())

    def next_within(self, n: int) -> list[str]:
        return [self.next(i) for i in range(1, n + 1)]

    def ends_clause(self) -> bool:
        following = self.next()
        return not following or following[0] in _PUNCT


def _ends(word: str, chars: str) -> bool:
    """``word`` ends with one of ``chars`` (an empty word ends with none)."""
    return bool(word) and word[-1] in chars


def _starts(word: str, chars: str) -> bool:
    return bool(word) and word[0] in chars


def _counted(context: Context) -> bool:
    """Preceded by a number or a determiner: 一行, 三只, 这种, 第二行."""
    before = context.prev()
    return bool(before) and (before[-1] in _NUMERAL or bool(_DIGIT_RE.search(before[-1])))


def _next_starts(chars: str) -> Callable[[Context], bool]:
    return lambda c: bool(c.next()) and c.next()[0] in chars


def _next_is(*words: str) -> Callable[[Context], bool]:
    options = set(words)
    return lambda c: c.next() in options


def _prev_ends(chars: str) -> Callable[[Context], bool]:
    return lambda c: bool(c.prev()) and c.prev()[-1] in chars


def _prev_is(*words: str) -> Callable[[Context], bool]:
    options = set(words)
    return lambda c: c.prev() in options


def _reduplicated_before(c: Context) -> bool:
    """After a doubled word: 慢慢, 高高兴兴, 结结实实, 低 低, 一片 一片."""
    before = c.prev()
    if before and before == c.prev(2):
        return True
    if len(before) <= 1:
        return False
    return before[-1] == before[-2] or (len(before) == 4 and (before[0] == before[1] or before[:2] == before[2:]))


def _de_after_adverb(c: Context) -> bool:
    """地 after an unmistakable adverbial: 慢慢地, 偷偷地, 突然地, 高高兴兴地, 低低地."""
    return _reduplicated_before(c) or (len(c.prev()) >= 2 and c.prev()[-1] in "然乎般样")


def _de_adverbial(c: Context) -> bool:
    """地 after a longer word, not followed by what makes it a place: 认真地, 高兴地 (not 西瓜地里)."""
    return len(c.prev()) >= 2 and not _next_starts("上下里方区图点面球板铁主位")(c)


def _dei(c: Context) -> bool:
    """得 as 'must': 我得走, 你就得去, 现在得保持 (a subject, adverb or time before, a verb after)."""
    before, after = c.prev(), c.next()
    if not after or after[0] in _PUNCT or after in ("到", "了", "很", "太", "非常", "十分", "不", "多", "好", "越", "更", "挺"):
        return False
    if before in _PRONOUNS or before in _ADVERBS_BEFORE_MODAL or not before or before[-1] in _PUNCT:
        return True
    return c.prev_class() in ("r", "t", "d") and c.next_class() in ("v", "vn")


def _zhao(c: Context) -> bool:
    """着 as a result complement: 睡着了, 找不着, 用不着, 着火, 着急."""
    before, after = c.prev(), c.next()
    if after == "了" and _starts(c.next(2), "凉火迷慌急"):
        return True
    if before and before[-1] in "睡找猜够打点烧见摸借买碰抓" and (not after or after in ("了", "没", "吗", "呢", "啊") or after[0] in _PUNCT):
        return True
    return before in ("不", "得") and bool(c.prev(2)) and c.prev(2)[-1] in "睡找猜够用见摸买碰抓"


def _hai_before_object(c: Context) -> bool:
    after = c.next()
    if after[:1] and (after[0] in "一二两三四五六七八九十几" or after[0].isdigit()):
        if any(_starts(w, "元块钱") or w in ("贷款", "欠款", "房贷", "车贷") for w in c.next_within(4)):
            return True
    return after in ("给", "钱", "书", "债", "款", "车", "回", "清", "贷款", "账", "欠款", "回来", "回去", "原", "房贷", "车贷") or (
        after in ("了", "过") and c.next(2) in ("钱", "书", "债", "款", "车", "账", "贷款", "欠款")
    )


def _gan1(c: Context) -> bool:
    """干 'dry': 衣服干了, 头发还没干, 晒干, 很干 (not 干活, 不干了, 没干什么)."""
    if c.next() in ("净", "燥", "杯", "吗", "透", "脆"):
        return True
    if not (c.ends_clause() or c.next() in ("了", "的", "啦", "呢")):
        return False
    if c.prev() in ("很", "太", "晒", "烤", "吹", "擦", "弄", "变", "快", "已经", "未", "风"):
        return True
    return any(c.prev(n) in _DRY_THINGS for n in range(1, 5))


def _zhuan4(c: Context) -> bool:
    return c.next() in ("转", "圈", "来转去", "悠", "一圈", "了一圈", "个圈") or c.prev() == "转" or "圈" in "".join(c.next_within(3))


def _shu3(c: Context) -> bool:
    after = c.next()
    if c.prev() == "数" or (c.prev() == "一" and c.prev(2) == "数") or after in ("一数", "数", "一下", "不", "不清", "到", "钱", "过", "着", "得", "星星", "清", "完", "了", "一遍", "出"):
        return True
    return c.prev() in ("不胜", "历")


RULES: dict[str, list[tuple[str, Callable[[Context], bool]]]] = {
    "了": [("liao3", lambda c: (c.prev() in ("不", "得") and c.ends_clause()) or c.prev() in ("受不", "免不", "少不", "忘不", "吃不", "走不", "做不"))],
    "得": [("dei3", _dei), ("de2", lambda c: c.next() in ("到", "分", "奖", "病", "票", "出", "知", "益", "以", "手")), ("de5", lambda c: len(c.prev()) >= 1)],
    "地": [("de5", _de_after_adverb), ("de5", lambda c: c.prev_class() in _ADVERBIAL), ("di4", lambda c: c.next_class() in ("n", "f", "w", "p")), ("de5", _de_adverbial)],
    "着": [("zhao2", _zhao), ("zhuo2", lambda c: c.next() in ("手", "装", "陆", "眼", "重", "想", "色", "落")), ("zhe5", lambda c: c.prev_class() == "v")],
    "还": [("huan2", _hai_before_object), ("huan2", lambda c: c.prev() in ("不", "没", "没有", "要", "得", "该", "借", "偿", "归", "交") and (c.ends_clause() or c.next() in ("了", "呀", "啊", "吧", "呢", "给"))), ("huan2", lambda c: c.next() in ("我", "你", "他", "她", "他们", "人家") and (c.ends_clause() or c.next(2) in ("钱", "清白", "公道", "一个"))), ("hai2", lambda c: True)],
    "率": [("shuai4", _next_starts("团队部军众兵师领先")), ("lü4", lambda c: len(c.prev()) >= 2 and c.next_class() not in ("n", "nr", "vn", "m"))],
    "喔": [("o1", lambda c: c.ends_clause())],
    "卡": [("qia3", lambda c: c.next() in ("在", "住", "着", "了") or c.prev() in ("设", "关", "哨")), ("ka3", lambda c: True)],
    "行": [("hang2", lambda c: _counted(c) or c.prev() in ("银", "同", "外", "内", "本", "改", "排", "懂", "这一", "各"))],
    "长": [("zhang3", lambda c: _next_starts("大得高出满成胖了个身肉痘记于")(c) and not c.next().startswith("得多")), ("chang2", lambda c: True)],
    "为": [("wei2", lambda c: (_ends(c.prev(), "成作称分改视选评变化转定列升降划当认以") and c.prev() not in ("因", "是"))
                   or c.prev() in ("约", "均", "分别", "即", "皆", "仅", "则", "总计", "合计", "大约", "大概", "多", "最")), ("wei4", lambda c: True)],
    "重": [("chong2", _next_starts("新写来做读复建启申修播返装回演组置拍提画")), ("zhong4", lambda c: True)],
    "数": [("shu3", _shu3), ("shu4", lambda c: True)],
    "应": [("ying4", _next_is("邀", "聘", "约", "战", "急", "对", "付", "用", "声"))],
    "中": [("zhong4", lambda c: _prev_ends("打击射猜选看命考投砸")(c) or _next_starts("奖毒标弹暑风计")(c)
                      or (c.next() in ("了", "过") and "奖" in "".join(c.next_within(3))))],
    "只": [("zhi1", _counted)],
    "种": [("zhong4", lambda c: _next_starts("树花菜地田粮庄豆麦瓜玉稻苗果")(c) or (c.next() in ("了", "过", "着", "下", "上", "出", "满", "好", "点") and not _counted(c)) or (_ends(c.prev(), "要能会想去来该得在") and not _counted(c) and not _starts(c.next(), "类子族")) or (c.next() in ("了", "过", "着", "的") and not _counted(c) and _starts(c.next(2), "树花菜地田粮豆麦瓜"))), ("zhong3", lambda c: True)],
    "干": [("gan1", _gan1), ("gan4", lambda c: True)],
    "好": [("hao4", _next_is("学", "奇", "客", "动", "色", "胜", "强"))],
    "看": [("kan1", lambda c: c.next() in ("孩子", "门", "家", "守", "护") or (c.next() in ("一下", "着") and c.next(2) in ("孩子", "门", "家")))],
    "教": [("jiao4", _prev_is("请", "受", "宗", "指", "任", "执", "说", "家", "佛", "道")), ("jiao1", lambda c: True)],
    "少": [("shao4", _next_is("年", "女", "爷", "将", "校", "尉"))],
    "相": [("xiang4", _prev_is("照", "首", "真", "长", "面", "亮", "丞", "宰"))],
    "空": [("kong4", lambda c: c.prev() in ("有", "没", "没有", "抽", "留", "填", "得") or c.next() in ("儿", "着", "出", "格"))],
    "当": [("dang4", lambda c: (c.next() in ("作", "成", "天", "真", "铺", "晚", "年") and c.prev() in ("把", "被", "就", "上", "")) or c.prev() in ("上", "适", "恰", "妥", "相"))],
    "便": [("pian2", _next_starts("宜"))],
    "觉": [("jiao4", lambda c: _ends(c.prev(), "睡个一午懒") or "睡" in c.prev() or c.next() in ("醒", "睡"))],
    "乐": [("yue4", lambda c: _ends(c.prev(), "音声奏器") or _next_starts("器队曲团谱")(c))],
    "差": [("chai1", lambda c: _ends(c.prev(), "出公") or c.next() in ("事", "使", "旅", "遣")), ("cha1", _next_is("别", "距", "异", "错", "价")), ("cha4", lambda c: True)],
    "分": [("fen4", _prev_is("部", "成", "过", "水", "身", "充", "本", "名", "缘", "养", "天", "安"))],
    "处": [("chu3", lambda c: c.next() in ("理", "于", "在", "罚", "分", "置", "境", "世", "事") or c.prev() in ("相", "难", "和", "共", "好"))],
    "传": [("zhuan4", lambda c: _ends(c.prev(), "》自外列经") or c.next() in ("记",))],
    "要": [("yao1", _next_is("求", "挟"))],
    "调": [("tiao2", lambda c: _starts(c.next(), "低高大小好整节和皮匀剂味成") or c.next() in ("一下", "一调") or c.prev() in ("空", "协", "烹", "失")), ("diao4", lambda c: True)],
    "转": [("zhuan4", lambda c: _zhuan4(c) or c.next()[:1] == "得"), ("zhuan3", lambda c: True)],
    "和": [("huo2", lambda c: c.next() in ("面", "泥") or (c.next() in ("成", "好") and "面" in "".join(c.next_within(4)))), ("huo4", _next_is("药", "稀泥")), ("huo5", _prev_is("暖", "软", "热", "搀")), ("he2", lambda c: True)],
    "发": [("fa4", lambda c: _ends(c.prev(), "头理白脱毛黑烫剪假短长美染") or c.next() in ("型", "廊", "卡", "夹"))],
    "大": [("dai4", _next_is("夫", "王"))],
    "会": [("kuai4", _next_is("计"))],
    "解": [("jie4", lambda c: c.prev() in ("押", "起")), ("xie4", _prev_is("姓"))],
    "更": [("geng1", lambda c: c.next() in ("新", "换", "改", "正", "衣", "替", "生") or c.prev() in ("变", "三", "五", "打"))],
    "没": [("mo4", _next_is("收", "落", "顶"))],
    "都": [("du1", lambda c: _ends(c.prev(), "首成古旧京") or c.next() in ("市", "城"))],
    "的": [("di2", _next_is("确", "确是")), ("di4", _prev_is("目", "无", "标", "众矢之"))],
    "上": [("shang4", lambda c: True)],
    "将": [("jiang4", lambda c: _ends(c.prev(), "大中少上名主武良猛") or c.next() in ("领", "军", "士", "帅") or _counted(c))],
    "结": [("jie1", _next_is("实", "果", "巴"))],
    "累": [("lei3", _next_is("计", "积", "及", "加")), ("lei2", _next_is("赘", "累"))],
    "倒": [("dao4", lambda c: c.next() in ("水", "茶", "酒", "车", "是", "也", "退", "不", "进", "出", "入", "过来", "映", "数", "影") or c.prev() in ("反", "却"))],
    "给": [("ji3", _next_is("予", "养", "付"))],
    "朝": [("zhao1", _next_is("阳", "气", "霞", "夕", "思暮想"))],
    "藏": [("zang4", lambda c: _ends(c.prev(), "西宝宝") or c.next() in ("族", "语", "区", "文", "医", "药", "獒"))],
    "似": [("shi4", _next_is("的"))],
    "强": [("qiang3", _prev_is("勉", "牵")), ("jiang4", _prev_is("倔"))],
    "模": [("mu2", _next_is("样", "具", "子", "板"))],
    "兴": [("xing4", lambda c: c.next() in ("趣", "致", "奋", "头", "冲冲") or c.prev() in ("高", "扫", "助", "尽", "即"))],
    "参": [("shen1", _prev_is("人", "海", "党")), ("cen1", _next_is("差"))],
    "正": [("zheng1", _next_is("月"))],
    "量": [("liang2", lambda c: _ends(c.prev(), "测衡丈估思打商") or c.next() in ("体", "一量", "了量", "了", "一下", "一次", "出", "好", "完", "过", "体温", "身高", "尺寸", "血压")), ("liang4", lambda c: c.prev_class() in ("n", "vn") and c.next_class() not in ("m", "n", "u"))],
    "难": [("nan4", lambda c: _ends(c.prev(), "灾遇落逃避苦患发受") or c.next() in ("民", "友", "题" ""))],
    "片": [("pian1", _next_is("子", "儿"))],
    "缩": [("su4", _next_is("砂"))],
    "弹": [("tan2", lambda c: _starts(c.next(), "琴钢吉奏性力簧跳起了") or _ends(c.prev(), "反动回"))],
    "省": [("xing3", lambda c: _ends(c.prev(), "反自不") or c.next() in ("悟", "亲", "事"))],
    "盛": [("cheng2", lambda c: c.next() in ("饭", "汤", "水", "菜", "满", "器"))],
    "宿": [("xiu3", _prev_is("一", "两", "半")), ("xiu4", _prev_is("星"))],
    "提": [("di1", _next_is("防"))],
    "系": [("ji4", lambda c: c.next() in ("鞋带", "领带", "好", "上", "紧", "扣子", "安全带"))],
    "鲜": [("xian3", lambda c: c.next() in ("为", "有", "见", "少"))],
    "舍": [("she4", lambda c: _ends(c.prev(), "宿校寒邻") or c.next() in ("友", "监"))],
}


def reading_by_rule(char: str, context: Context) -> tuple[str, int] | None:
    """The reading the first matching context rule for ``char`` names, and that rule's number."""
    for number, (reading, applies) in enumerate(RULES.get(char, ())):
        if applies(context):
            return reading, number
    return None
