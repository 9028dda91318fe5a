"""Demo content that links pages together: product galleries, related stories and FAQs,
visitors' "Was this helpful?" votes and feedback, and a FAQ nobody has reviewed for long."""

# product slug: more pictures (image key, alt text and caption in both languages), related
# stories and FAQs (slugs of the Korean pages).
PRODUCT_EXTRAS = {
    "mangwon-hojicha": {
        "gallery": [
            {
                "image": "roasting",
                "ko": {"alt_text": "볶는 중인 호지차 찻잎", "caption": "목요일 아침의 로스팅"},
                "en": {"alt_text": "Hojicha leaves being roasted", "caption": "Thursday roasting"},
            },
            {
                "image": "brewing",
                "ko": {"alt_text": "찻잔에 따른 호지차", "caption": "90도 물에 1분"},
                "en": {"alt_text": "Hojicha poured into a cup", "caption": "90 °C, one minute"},
            },
        ],
        "stories": ["thursday-roasting-day", "how-to-brew-hojicha"],
        "faqs": ["water-temperature", "caffeine-free"],
    },
    "first-flush-green": {
        "gallery": [
            {
                "image": "tea-rows",
                "ko": {"alt_text": "제주 차밭의 차나무 줄", "caption": "첫물 찻잎을 따는 차밭"},
                "en": {
                    "alt_text": "Rows of tea bushes in Jeju",
                    "caption": "Where the first flush is picked",
                },
            },
            {
                "image": "coldbrew",
                "ko": {"alt_text": "유리병에 담긴 냉침 녹차", "caption": "여름에는 냉침으로"},
                "en": {
                    "alt_text": "Cold-brewed green tea in a glass bottle",
                    "caption": "Cold-brewed in summer",
                },
            },
        ],
        "stories": ["three-days-in-jeju", "cold-brew-green-tea"],
        "faqs": ["water-temperature", "how-long-tea-keeps"],
    },
    "barley-brown-rice": {
        "gallery": [
            {
                "image": "market",
                "ko": {"alt_text": "망원시장 곡물 가게", "caption": "곡물은 망원시장에서"},
                "en": {
                    "alt_text": "A grain stall at Mangwon Market",
                    "caption": "Grain from Mangwon Market",
                },
            },
        ],
        "stories": ["rice-cake-maker-tea"],
        "faqs": ["caffeine-free"],
    },
    "moonlight-black": {
        "gallery": [
            {
                "image": "roaster-drum",
                "ko": {"alt_text": "로스터의 드럼", "caption": "천천히 돌아가는 드럼"},
                "en": {"alt_text": "The roaster's drum", "caption": "The slowly turning drum"},
            },
        ],
        "stories": ["why-we-roast-locally"],
        "faqs": ["resteeping", "how-long-tea-keeps"],
    },
}

# FAQ slug: related products and FAQs (slugs of the Korean pages).
FAQ_RELATIONS = {
    "water-temperature": {
        "products": ["mangwon-hojicha", "first-flush-green"],
        "faqs": ["resteeping"],
    },
    "how-long-tea-keeps": {"products": ["first-flush-green"], "faqs": ["recycling-packaging"]},
    "caffeine-free": {"products": ["barley-brown-rice", "mangwon-hojicha"], "faqs": []},
    "resteeping": {"products": ["moonlight-black"], "faqs": ["water-temperature"]},
    "delivery-time": {"products": [], "faqs": ["shop-pickup", "shipping-abroad"]},
    "why-write-reviews": {"products": [], "faqs": ["community-guidelines", "member-levels"]},
}

# The FAQ that waits longest for a review (it shows in the admin's reminder list).
STALE_FAQ = "advertising"
STALE_DAYS = 420

# FAQ slug: (yes votes, no votes, comments that came with some of the no votes) per language.
FEEDBACK = {
    "water-temperature": {
        "ko": (14, 2, ["보리차는 몇 도에서 우리나요?"]),
        "en": (6, 1, []),
    },
    "delivery-time": {
        "ko": (9, 4, ["제주도 배송은 얼마나 걸리는지 궁금해요.", "주말 주문은 언제 출발하나요?"]),
        "en": (3, 2, ["Does this include public holidays?"]),
    },
    "how-long-tea-keeps": {"ko": (7, 0, []), "en": (2, 0, [])},
    "shipping-abroad": {
        "ko": (1, 3, ["일본으로도 보내 주시나요?"]),
        "en": (2, 3, ["Which countries exactly?", "How much is shipping to Germany?"]),
    },
    "member-levels": {"ko": (5, 1, []), "en": (1, 0, [])},
}
