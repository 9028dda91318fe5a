"""A year of the brand's publishing on top of the demo: thousands of stories, hundreds of
products and FAQs, Korean first, a share of them translated into English through
wagtail-localize exactly as the demo is (``home.demo.translation.translate``).

Pages go through Wagtail's own API (the factories, revisions, publishing), as an editor's
work would: their tree paths, revisions, log entries, references and search entries are the
real ones. The text is drawn from bilingual phrase lists, so each Korean page and its English
translation have the same shape.
"""

import datetime
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page

from home.demo.loader import publish
from home.demo.translation import translate
from stories.factories import (
    FAQCategoryPageFactory,
    FAQPageFactory,
    ProductPageFactory,
    StoryPageFactory,
)
from stories.models import (
    Author,
    FAQCategoryPage,
    FAQPage,
    KnowledgeBasePage,
    ProductIndexPage,
    ProductPage,
    StoryCategory,
    StoryIndexPage,
    StoryPage,
)

BLOCK_ID_NAMESPACE = uuid.UUID("0c7d1a52-5a3b-4f7c-8d86-1b7f0e0d2f41")

# Pages created (and translated) in one transaction: big enough to be quick, small enough that
# the search index updates that follow each commit stay small.
CHUNK = 50

TEAS = [
    ("호지차", "hojicha"),
    ("녹차", "green tea"),
    ("홍차", "black tea"),
    ("보리차", "barley tea"),
    ("현미녹차", "brown rice green tea"),
    ("우롱차", "oolong"),
    ("말차", "matcha"),
    ("국화차", "chrysanthemum tea"),
    ("유자차", "yuja tea"),
    ("둥굴레차", "solomon's seal tea"),
    ("작설차", "jakseol tea"),
    ("황차", "yellow tea"),
]
PLACES = [
    ("망원동", "Mangwon-dong"),
    ("제주", "Jeju"),
    ("하동", "Hadong"),
    ("보성", "Boseong"),
    ("합정", "Hapjeong"),
    ("연남동", "Yeonnam-dong"),
    ("강릉", "Gangneung"),
    ("전주", "Jeonju"),
]
MOMENTS = [
    ("아침", "morning"),
    ("오후", "afternoon"),
    ("저녁", "evening"),
    ("주말", "weekend"),
    ("비 오는 날", "rainy day"),
    ("첫눈 오는 날", "snowy day"),
    ("장마철", "monsoon day"),
    ("명절", "holiday"),
]
ADJECTIVES = [
    ("고소한", "Nutty"),
    ("은은한", "Gentle"),
    ("진한", "Bold"),
    ("햇", "New-season"),
    ("달빛", "Moonlight"),
    ("봄날", "Spring-day"),
    ("깊은", "Deep"),
    ("산뜻한", "Fresh"),
    ("구수한", "Toasty"),
    ("맑은", "Clear"),
]

STORY_TITLES = [
    ("{place}에서 마신 {tea}", "{Tea} in {place}"),
    ("{moment}의 {tea} 한 잔", "A cup of {tea} on a {moment}"),
    ("{tea} 맛있게 우리는 법", "Brewing better {tea}"),
    ("{place} 단골의 {tea} 이야기", "A {place} regular's {tea} story"),
    ("{tea} 로스팅 노트", "{Tea} roasting notes"),
    ("{place} 차밭을 다녀왔어요", "A visit to the tea gardens of {place}"),
    ("{moment}에 어울리는 {tea}", "{Tea} for a {moment}"),
]
STORY_INTROS = [
    (
        "{place}에서 만난 사람들과 {tea} 이야기를 나눴습니다.",
        "We talked about {tea} with the people we met in {place}.",
    ),
    (
        "{moment}마다 {tea}를 찾는 단골의 하루를 따라가 봤습니다.",
        "We followed a regular who reaches for {tea} every {moment}.",
    ),
    (
        "로스팅실에서 {tea}를 볶으며 배운 것들을 정리했습니다.",
        "What roasting {tea} taught us, written down.",
    ),
]
SENTENCES = [
    (
        "매주 목요일 아침, 우리는 망원동 로스터리에서 {tea} 찻잎을 볶습니다.",
        "Every Thursday morning we roast {tea} leaves in our Mangwon-dong roastery.",
    ),
    (
        "{place}의 농부들은 새벽에 찻잎을 따고, 오후가 되기 전에 시들이기를 시작합니다.",
        "The farmers of {place} pick the leaves at dawn and start withering them before noon.",
    ),
    (
        "물 온도를 5도만 낮춰도 {tea}의 쓴맛이 확 줄어듭니다.",
        "Lowering the water by just five degrees takes most of the bitterness out of {tea}.",
    ),
    (
        "단골 한 분은 {moment}마다 {tea}를 두 번 우려 마신다고 했습니다.",
        "One regular told us she steeps her {tea} twice every {moment}.",
    ),
    (
        "볶은 지 일주일 안에 마시면 고소한 향이 가장 진합니다.",
        "Drunk within a week of roasting, the nutty aroma is at its strongest.",
    ),
    (
        "커뮤니티에 올라온 후기 덕분에 이번 {tea}는 조금 더 낮은 온도에서 볶았습니다.",
        "Thanks to the reviews in our community, we roasted this {tea} a little cooler.",
    ),
    (
        "찻잎 3그램에 물 200밀리리터가 우리가 권하는 기본 비율입니다.",
        "Three grams of leaves to 200 millilitres of water is the ratio we suggest.",
    ),
    (
        "{place}에서 올라온 찻잎은 상자를 여는 순간 풀 향이 가득했습니다.",
        "The leaves from {place} filled the room with a grassy scent the moment we opened the box.",
    ),
    (
        "냉침으로 우리면 떫은맛 없이 달큰한 {tea}가 됩니다.",
        "Cold-brewed, {tea} turns sweet with no astringency at all.",
    ),
    (
        "포장을 바꾼 뒤로 향이 더 오래 간다는 이야기를 많이 들었습니다.",
        "Since we changed the packaging, many of you told us the aroma lasts longer.",
    ),
    (
        "{moment}에는 우유를 조금 넣은 {tea} 라테도 잘 어울립니다.",
        "On a {moment}, a {tea} latte with a little milk works well too.",
    ),
    (
        "로스터의 드럼은 천천히 돌고, 우리는 소리와 향으로 불을 조절합니다.",
        "The roaster's drum turns slowly, and we adjust the heat by sound and smell.",
    ),
]
HEADINGS = [
    ("찻잎이 오기까지", "Before the leaves arrive"),
    ("볶는 날의 풍경", "Roasting day"),
    ("집에서 우리는 법", "Brewing at home"),
    ("단골에게 배운 것", "What our regulars taught us"),
    ("다음 로스팅에서는", "At the next roast"),
]
QUOTES = [
    (
        "차는 농산물이고, 농산물은 가까울수록 맛있습니다.",
        "Tea is a crop, and crops taste better close to home.",
    ),
    ("좋은 차는 좋은 대화를 부릅니다.", "Good tea calls for good conversation."),
    ("천천히 볶아야 단맛이 남습니다.", "Roast slowly and the sweetness stays."),
]
QUESTIONS = [
    ("{product}, 몇 도 물에 우리면 좋을까요?", "{product}: what water temperature is best?"),
    ("{product}에도 카페인이 있나요?", "Does {product} contain caffeine?"),
    ("{product} 한 봉지로 몇 잔을 마실 수 있나요?", "How many cups does a bag of {product} make?"),
    ("{product}는 얼마나 오래 두고 마실 수 있나요?", "How long does {product} keep?"),
    ("{product}를 냉침하려면 어떻게 하나요?", "How do I cold-brew {product}?"),
    ("{product}는 아이가 마셔도 되나요?", "Can children drink {product}?"),
]
ANSWERS = [
    (
        "{tea}는 90도 안팎의 물에 1분 정도 우리면 가장 맛있습니다.",
        "{Tea} tastes best steeped for about a minute in water around 90 °C.",
    ),
    (
        "밀봉해서 서늘한 곳에 두면 개봉 후 두 달까지 향이 유지됩니다.",
        "Sealed and kept somewhere cool, it keeps its aroma for two months after opening.",
    ),
    (
        "찬물 500밀리리터에 찻잎 5그램을 넣고 냉장고에서 6시간 두세요.",
        "Put five grams of leaves in 500 millilitres of cold water and leave it in the fridge "
        "for six hours.",
    ),
    (
        "궁금한 점은 커뮤니티에 남겨 주시면 소담 직원이 직접 답합니다.",
        "Leave any question in the community and our staff will answer it themselves.",
    ),
]
CATEGORY_NAMES = [
    ("{tea} 안내", "About {tea}"),
    ("{place} 매장과 배송", "{place}: shop and delivery"),
]
TAGS = [
    "roasting",
    "brewing",
    "neighbourhood",
    "jeju",
    "hojicha",
    "green-tea",
    "cold-brew",
    "regulars",
    "packaging",
    "seasons",
]


@dataclass(frozen=True)
class Sizes:
    """How much the large site holds; ``scale`` 1.0 is about a year of a busy brand."""

    stories: int
    products: int
    faqs: int
    members: int
    posts: int

    @classmethod
    def at(cls, scale: float) -> "Sizes":
        def scaled(full: int, minimum: int) -> int:
            return max(minimum, round(full * scale))

        return cls(
            stories=scaled(2000, 4),
            products=scaled(200, 2),
            faqs=scaled(500, 3),
            members=scaled(2000, 10),
            posts=scaled(20000, 60),
        )


# The demo pages that ``make bench`` measures: the busiest threads of their kind.
BUSIEST = {"mangwon-hojicha", "water-temperature", "thursday-roasting-day"}

# Shares of the Korean pages that get an English translation.
TRANSLATED_SHARE = {"story": 0.3, "product": 1.0, "faq": 0.6}


@dataclass
class ThreadPage:
    """A page the community can post under, in one language."""

    page_id: int
    kind: str  # "story", "product" or "faq"
    language: str
    content_type_id: int
    path: str = ""


@dataclass
class LargePages:
    pages: list[ThreadPage] = field(default_factory=list)
    # FAQ ids per language, for the FAQs staff link to their answers.
    faq_ids: dict[str, list[int]] = field(default_factory=dict)


def _words(rng: random.Random) -> dict[str, tuple[str, str]]:
    tea = rng.choice(TEAS)
    return {
        "tea": tea,
        "Tea": (tea[0], tea[1][:1].upper() + tea[1][1:]),
        "place": rng.choice(PLACES),
        "moment": rng.choice(MOMENTS),
    }


def _fill(pattern: tuple[str, str], words: dict[str, tuple[str, str]]) -> tuple[str, str]:
    ko = pattern[0].format(**{name: value[0] for name, value in words.items()})
    en = pattern[1].format(**{name: value[1] for name, value in words.items()})
    return ko, en


def _paragraph(rng: random.Random, words: dict) -> tuple[str, str]:
    sentences = [_fill(pattern, words) for pattern in rng.sample(SENTENCES, rng.randint(2, 4))]
    return (
        "<p>" + " ".join(ko for ko, _en in sentences) + "</p>",
        "<p>" + " ".join(en for _ko, en in sentences) + "</p>",
    )


class LargeStories:
    """Creates the large site's pages under the demo's sections."""

    def __init__(self, *, sizes: Sizes, images: dict, editor, rng: random.Random, stdout):
        self.sizes = sizes
        self.images = list(images.values())
        self.editor = editor
        self.rng = rng
        self.stdout = stdout
        self.korean = Locale.objects.get(language_code="ko")
        self.english = Locale.objects.get(language_code="en")

    def load(self) -> LargePages:
        products = self.products()
        faqs = self.faqs()
        stories = self.stories(products, faqs)
        result = LargePages()
        demo_first = self._demo_pages_first()
        for page in demo_first + products + faqs + stories:
            result.pages.append(page)
        result.faq_ids = {
            language: [
                p.page_id for p in result.pages if p.kind == "faq" and p.language == language
            ]
            for language in ("ko", "en")
        }
        return result

    # Pages ---------------------------------------------------------------------------------

    def _in_chunks(self, count: int, label: str, make: Callable[[int], None]) -> None:
        for start in range(0, count, CHUNK):
            with transaction.atomic():
                for number in range(start, min(count, start + CHUNK)):
                    make(number)
            self.stdout.write(f"  {label}: {min(count, start + CHUNK)}/{count}")

    def _create(self, factory, *, parent: Page, slug: str, korean: dict, tags=(), **fields) -> Page:
        page = factory(parent=parent, slug=slug, owner=self.editor, **korean, **fields)
        if tags:
            # Kept with the page until its revision is published: no extra save.
            page.tags.add(*tags)
        return publish(page, self.editor)

    def _translate(self, page: Page, english: dict, share: str, number: int) -> Page | None:
        if not self._translated(share, number):
            return None
        return translate(page, english, locale=self.english, user=self.editor)

    def _translated(self, share: str, number: int) -> bool:
        # Evenly spread: the first page of each kind is always translated.
        every = TRANSLATED_SHARE[share]
        return int(number * every) != int((number - 1) * every) or number == 0

    def _thread_pages(self, korean: Page, english: Page | None, kind: str) -> list[ThreadPage]:
        pages = [ThreadPage(korean.pk, kind, "ko", korean.content_type_id, korean.path)]
        if english is not None:
            pages.append(ThreadPage(english.pk, kind, "en", english.content_type_id, english.path))
        return pages

    def _demo_pages_first(self) -> list[ThreadPage]:
        """The demo's own stories, products and FAQs: the busiest threads of the large site."""
        pages = []
        for model, kind in ((ProductPage, "product"), (FAQPage, "faq"), (StoryPage, "story")):
            found = model.objects.filter(slug__in=_DEMO_SLUGS).select_related("locale")
            for page in sorted(found, key=lambda page: (page.slug not in BUSIEST, page.pk)):
                pages.append(
                    ThreadPage(
                        page.pk, kind, page.locale.language_code, page.content_type_id, page.path
                    )
                )
        return pages

    def products(self) -> list[ThreadPage]:
        index = ProductIndexPage.objects.get(locale=self.korean)
        created: list[ThreadPage] = []
        combinations = [(p, a, t) for p in PLACES for a in ADJECTIVES for t in TEAS]
        self.rng.shuffle(combinations)
        self.product_names: list[tuple[int, tuple[str, str]]] = []

        def make(number: int) -> None:
            place, adjective, tea = combinations[number % len(combinations)]
            name = (f"{place[0]} {adjective[0]} {tea[0]}", f"{place[1]} {adjective[1]} {tea[1]}")
            words = {**_words(self.rng), "tea": tea, "place": place}
            summary = _fill(self.rng.choice(STORY_INTROS), words)
            description = _paragraph(self.rng, words)
            slug = f"{slugify(name[1])}-{number + 1}"
            page = self._create(
                ProductPageFactory,
                parent=index,
                slug=slug,
                korean={"title": name[0], "summary": summary[0], "description": description[0]},
                image=self.rng.choice(self.images),
                where_to_buy_url=f"https://store.sodam-tea.example/{slug}",
            )
            english = self._translate(
                page,
                {"title": name[1], "summary": summary[1], "description": description[1]},
                "product",
                number,
            )
            self.product_names.append((page.pk, name))
            created.extend(self._thread_pages(page, english, "product"))

        self._in_chunks(self.sizes.products, "products", make)
        return created

    def faqs(self) -> list[ThreadPage]:
        knowledge_base = KnowledgeBasePage.objects.get(locale=self.korean)
        category_count = max(1, round(self.sizes.faqs / 25))
        categories: list[FAQCategoryPage] = []
        with transaction.atomic():
            for number in range(category_count):
                pattern = CATEGORY_NAMES[number % len(CATEGORY_NAMES)]
                words = {"tea": TEAS[number % len(TEAS)], "place": PLACES[number % len(PLACES)]}
                name = _fill(pattern, words)
                category = self._create(
                    FAQCategoryPageFactory,
                    parent=knowledge_base,
                    slug=f"{slugify(name[1])}-{number + 1}",
                    korean={"title": name[0], "intro": ""},
                )
                # Every category is translated, so that any of its FAQs can be.
                translate(category, {"title": name[1]}, locale=self.english, user=self.editor)
                categories.append(category)
        created: list[ThreadPage] = []

        def make(number: int) -> None:
            _product_id, product = self.rng.choice(self.product_names)
            question = _fill(self.rng.choice(QUESTIONS), {"product": product})
            words = _words(self.rng)
            short = _fill(self.rng.choice(ANSWERS), words)
            answer = _paragraph(self.rng, words)
            page = self._create(
                FAQPageFactory,
                parent=categories[number % len(categories)],
                slug=f"q{number + 1}-{slugify(question[1])[:60]}",
                korean={"title": question[0], "short_answer": short[0], "answer": answer[0]},
                last_reviewed=datetime.date.today()
                - datetime.timedelta(days=self.rng.randint(1, 400)),
            )
            english = self._translate(
                page,
                {"title": question[1], "short_answer": short[1], "answer": answer[1]},
                "faq",
                number,
            )
            created.extend(self._thread_pages(page, english, "faq"))

        self._in_chunks(self.sizes.faqs, "FAQs", make)
        return created

    def stories(self, products: list[ThreadPage], faqs: list[ThreadPage]) -> list[ThreadPage]:
        index = StoryIndexPage.objects.get(locale=self.korean)
        categories = list(StoryCategory.objects.filter(locale=self.korean).order_by("pk"))
        authors = list(Author.objects.filter(locale=self.korean).order_by("pk"))
        korean_products = [p.page_id for p in products if p.language == "ko"]
        korean_faqs = [p.page_id for p in faqs if p.language == "ko"]
        created: list[ThreadPage] = []

        def make(number: int) -> None:
            words = _words(self.rng)
            title = _fill(self.rng.choice(STORY_TITLES), words)
            intro = _fill(self.rng.choice(STORY_INTROS), words)
            ko_body, en_body = self._body(number, words, products=korean_products, faqs=korean_faqs)
            page = self._create(
                StoryPageFactory,
                parent=index,
                slug=f"{slugify(title[1])}-{number + 1}",
                korean={"title": title[0], "intro": intro[0], "body": ko_body},
                category=self.rng.choice(categories) if categories else None,
                hero_image=self.rng.choice(self.images),
                date=datetime.date.today() - datetime.timedelta(days=self.rng.randint(0, 365)),
                tags=self.rng.sample(TAGS, self.rng.randint(1, 3)),
                authors=self.rng.sample(authors, min(len(authors), self.rng.randint(0, 2))),
            )
            english = self._translate(
                page, {"title": title[1], "intro": intro[1], "body": en_body}, "story", number
            )
            created.extend(self._thread_pages(page, english, "story"))

        self._in_chunks(self.sizes.stories, "stories", make)
        return created

    def _body(self, number: int, words: dict, *, products: list[int], faqs: list[int]):
        """A story's body in both languages, with block ids shared by the two."""
        blocks: list[tuple[str, object, object]] = []
        for heading in self.rng.sample(HEADINGS, self.rng.randint(1, 3)):
            blocks.append(("heading", {"text": heading[0]}, {"text": heading[1]}))
            for _ in range(self.rng.randint(1, 2)):
                ko, en = _paragraph(self.rng, words)
                blocks.append(("paragraph", ko, en))
        extra = self.rng.random()
        if extra < 0.3:
            image = self.rng.choice(self.images)
            caption = _fill(self.rng.choice(STORY_INTROS), words)
            blocks.append(
                (
                    "image",
                    {"image": image.pk, "alt_text": caption[0], "caption": ""},
                    {"image": image.pk, "alt_text": caption[1], "caption": ""},
                )
            )
        elif extra < 0.5:
            quote = self.rng.choice(QUOTES)
            blocks.append(
                (
                    "quote",
                    {"quote": quote[0], "attribution": "소담"},
                    {"quote": quote[1], "attribution": "Sodam"},
                )
            )
        elif extra < 0.7 and products:
            product = self.rng.choice(products)
            blocks.append(("product", {"product": product}, {"product": product}))
        elif extra < 0.85 and faqs:
            faq = self.rng.choice(faqs)
            blocks.append(("faq", {"faq": faq}, {"faq": faq}))
        ko_body, en_body = [], []
        for position, (block_type, ko, en) in enumerate(blocks):
            block_id = str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"large-{number}-{position}"))
            ko_body.append({"type": block_type, "value": ko, "id": block_id})
            en_body.append({"type": block_type, "value": en, "id": block_id})
        return ko_body, en_body


def _demo_slugs() -> set[str]:
    from . import content

    slugs = {product["slug"] for product in content.PRODUCTS}
    slugs |= {story["slug"] for story in content.STORIES}
    for category in content.FAQ_CATEGORIES:
        slugs |= {faq["slug"] for faq in category["faqs"]}
    return slugs


_DEMO_SLUGS = _demo_slugs()
