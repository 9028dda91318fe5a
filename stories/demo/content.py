"""The demo brand's stories, products and FAQs, written in Korean and English.

Sodam Tea Roastery (소담 티 로스터리) is a fictional neighbourhood tea roastery in Mangwon-dong,
Seoul. Each entry holds the Korean original and its English translation with the same shape, so
the loader can publish the Korean page and translate it through wagtail-localize.
"""

CATEGORIES = [
    {
        "slug": "philosophy",
        "ko": {"name": "브랜드 철학", "description": "우리가 차를 볶고 파는 이유와 방식"},
        "en": {"name": "Brand philosophy", "description": "Why and how we roast and sell tea"},
    },
    {
        "slug": "customers",
        "ko": {"name": "단골 이야기", "description": "차와 함께하는 단골들의 하루"},
        "en": {"name": "Customer stories", "description": "Days in the lives of our regulars"},
    },
    {
        "slug": "behind-the-scenes",
        "ko": {"name": "비하인드", "description": "로스팅실과 차밭에서 일어나는 일"},
        "en": {
            "name": "Behind the scenes",
            "description": "What happens in the roastery and the tea gardens",
        },
    },
    {
        "slug": "guides",
        "ko": {"name": "가이드와 팁", "description": "집에서 차를 더 맛있게 즐기는 방법"},
        "en": {"name": "Guides & tips", "description": "How to enjoy tea better at home"},
    },
]

HOME = {
    "ko": {
        "title": "소담 티 로스터리",
        "hero_heading": "동네에서 볶은 찻잎, 단골과 함께 자랍니다",
        "hero_text": "망원동 작은 로스터리에서 매주 목요일 차를 볶습니다. 마시는 분들의 이야기를 듣고, 그 이야기로 다음 차를 만듭니다.",
        "welcome_heading": "단골이 되어 주세요",
        "welcome_text": "<p>소담은 차를 파는 가게이기 전에 <b>차를 좋아하는 사람들이 모이는 곳</b>입니다. 후기와 팁을 나누고, 궁금한 점을 물어보세요. 우리가 직접 답하고, 여러분의 의견으로 바꾼 것은 이야기로 꼭 알려 드립니다.</p>",
    },
    "en": {
        "title": "Sodam Tea Roastery",
        "hero_heading": "Tea roasted in our neighbourhood, growing with our regulars",
        "hero_text": "Every Thursday we roast tea in a small roastery in Mangwon-dong. We listen to the people who drink it, and their stories shape our next tea.",
        "welcome_heading": "Become one of our regulars",
        "welcome_text": "<p>Before Sodam is a shop that sells tea, it is <b>a place where people who love tea gather</b>. Share reviews and tips, and ask us anything. We answer ourselves, and whatever we change because of you, we tell you about in a story.</p>",
    },
}

SECTIONS = {
    "stories": {
        "ko": {"title": "이야기", "intro": "차를 만드는 사람과 마시는 사람의 이야기를 모았습니다."},
        "en": {
            "title": "Stories",
            "intro": "Stories of the people who make our tea and the people who drink it.",
        },
    },
    "products": {
        "ko": {
            "title": "제품",
            "intro": "소담이 직접 볶고 블렌딩한 차입니다. 구매는 온라인 스토어와 망원동 매장에서 할 수 있습니다.",
        },
        "en": {
            "title": "Products",
            "intro": "Teas we roast and blend ourselves. Buy them from our online store or at our shop in Mangwon-dong.",
        },
    },
    "faq": {
        "ko": {
            "title": "자주 묻는 질문",
            "intro": "주문, 차 우리기, 단골 커뮤니티에 관해 자주 받는 질문과 답입니다.",
        },
        "en": {
            "title": "FAQ",
            "intro": "Questions we are often asked about orders, brewing and our community of regulars.",
        },
    },
}

PRODUCTS = [
    {
        "slug": "mangwon-hojicha",
        "image": "hojicha",
        "ko": {
            "title": "망원 호지차",
            "summary": "제주 녹차 잎을 매주 목요일 직접 볶은, 고소하고 카페인이 적은 호지차.",
            "description": "<p>두 번째 수확한 제주 녹차 잎과 줄기를 낮은 온도에서 천천히 볶았습니다. 볶은 보리와 캐러멜 향이 나고, 쓴맛이 거의 없어 저녁에도 편하게 마실 수 있습니다.</p><ul><li>용량: 50g (약 25잔)</li><li>물 온도: 90~95도</li><li>우리는 시간: 1분</li></ul>",
        },
        "en": {
            "title": "Mangwon Hojicha",
            "summary": "Jeju green tea roasted by us every Thursday: nutty, mellow and low in caffeine.",
            "description": "<p>Leaves and stems from the second Jeju harvest, roasted slowly at a low temperature. It smells of toasted barley and caramel, with almost no bitterness, so it is easy to drink in the evening.</p><ul><li>Size: 50 g (about 25 cups)</li><li>Water: 90–95 °C</li><li>Steep: 1 minute</li></ul>",
        },
    },
    {
        "slug": "first-flush-green",
        "image": "green",
        "ko": {
            "title": "첫물 녹차",
            "summary": "4월 제주 차밭에서 딴 첫 잎으로 만든 싱그러운 녹차.",
            "description": "<p>봄에 처음 올라온 어린잎만 골라 덖었습니다. 풀 향과 은은한 단맛이 살아 있어 낮은 온도의 물로 천천히 우리면 가장 맛있습니다.</p><ul><li>용량: 40g</li><li>물 온도: 70~75도</li><li>우리는 시간: 1분 30초</li></ul>",
        },
        "en": {
            "title": "First Flush Green",
            "summary": "A bright green tea made from the first April leaves of a Jeju garden.",
            "description": "<p>Only the youngest spring leaves, pan-fired by hand. The grassy aroma and gentle sweetness come through best when you steep it slowly in cooler water.</p><ul><li>Size: 40 g</li><li>Water: 70–75 °C</li><li>Steep: 1 minute 30 seconds</li></ul>",
        },
    },
    {
        "slug": "barley-brown-rice",
        "image": "barley",
        "ko": {
            "title": "보리 현미 블렌드",
            "summary": "볶은 보리와 현미에 녹차를 조금 더한, 온 가족이 마시는 구수한 블렌드.",
            "description": "<p>국산 보리와 현미를 따로 볶아 녹차와 섞었습니다. 식사와 잘 어울리고, 냉침해도 맛이 흐트러지지 않습니다. 카페인은 녹차의 절반 이하입니다.</p>",
        },
        "en": {
            "title": "Barley & Brown Rice Blend",
            "summary": "Roasted barley and brown rice with a little green tea: a toasty blend for the whole family.",
            "description": "<p>Korean barley and brown rice, roasted separately and blended with green tea. It goes well with meals and keeps its flavour when cold-brewed. It has less than half the caffeine of green tea.</p>",
        },
    },
    {
        "slug": "moonlight-black",
        "image": "black",
        "ko": {
            "title": "달빛 홍차",
            "summary": "하동 차밭의 여름 잎을 발효한 부드러운 홍차. 꿀과 말린 과일 향.",
            "description": "<p>하동 화개면의 작은 농가와 함께 만드는 홍차입니다. 떫은맛이 적어 우유를 넣지 않아도 부드럽고, 두세 번 우려도 맛이 좋습니다.</p>",
        },
        "en": {
            "title": "Moonlight Black Tea",
            "summary": "A smooth black tea from summer leaves of a Hadong garden, with notes of honey and dried fruit.",
            "description": "<p>Made with a small family farm in Hwagae, Hadong. It has little astringency, so it is smooth without milk, and it stays good for two or three steeps.</p>",
        },
    },
]


def _p(text: str) -> tuple[str, str]:
    return ("paragraph", text)


STORIES = [
    {
        "slug": "why-we-roast-locally",
        "category": "philosophy",
        "tags": ["roasting", "neighbourhood"],
        "days_ago": 120,
        "image": "roastery",
        "ko": {
            "title": "우리가 동네에서 차를 볶는 이유",
            "intro": "큰 공장 대신 망원동 골목의 작은 로스터리를 고른 이유를 이야기합니다.",
            "body": [
                _p(
                    '<p>소담을 시작할 때 가장 많이 들은 질문은 "왜 굳이 직접 볶느냐"였습니다. 좋은 차는 이미 많고, 공장에서 볶은 차가 더 싸고 일정합니다.</p>'
                ),
                ("heading", {"text": "볶은 지 일주일 안에"}),
                _p(
                    "<p>호지차의 고소한 향은 볶은 뒤 2주가 지나면 눈에 띄게 줄어듭니다. 동네에서 볶으면 <b>볶은 지 일주일 안에</b> 손님에게 건넬 수 있습니다.</p>"
                ),
                (
                    "quote",
                    {
                        "quote": "차는 농산물이고, 농산물은 가까울수록 맛있습니다.",
                        "attribution": "소담 대표 이수민",
                    },
                ),
                _p(
                    "<p>그리고 가까우면 이야기를 들을 수 있습니다. 어제 산 차가 너무 진했다는 말, 아이가 마시기에 괜찮냐는 질문이 다음 주 로스팅을 바꿉니다.</p>"
                ),
            ],
        },
        "en": {
            "title": "Why we roast tea in our neighbourhood",
            "intro": "Why we chose a small roastery in a Mangwon-dong alley over a big factory.",
            "body": [
                _p(
                    '<p>When we started Sodam, the question we heard most was "why roast it yourselves?" There is plenty of good tea already, and factory-roasted tea is cheaper and more consistent.</p>'
                ),
                ("heading", {"text": "Within a week of roasting"}),
                _p(
                    "<p>The nutty aroma of hojicha fades noticeably two weeks after roasting. Roasting in the neighbourhood means we can hand it to you <b>within a week of roasting</b>.</p>"
                ),
                (
                    "quote",
                    {
                        "quote": "Tea is a crop, and crops taste better the closer they grow.",
                        "attribution": "Lee Sumin, founder of Sodam",
                    },
                ),
                _p(
                    "<p>Being close also means we can listen. Someone telling us yesterday's tea was too strong, or asking whether it is fine for a child, changes next week's roast.</p>"
                ),
            ],
        },
    },
    {
        "slug": "a-shop-made-by-regulars",
        "category": "philosophy",
        "tags": ["regulars", "community"],
        "days_ago": 95,
        "image": "shop",
        "ko": {
            "title": "단골이 만드는 가게",
            "intro": "단골 한 분 한 분의 의견이 어떻게 소담의 차와 가게를 바꾸어 왔는지.",
            "body": [
                _p(
                    "<p>소담의 첫 손님 스무 명은 지금도 대부분 단골입니다. 그분들이 친구를 데려왔고, 친구들이 또 다른 친구를 데려왔습니다.</p>"
                ),
                ("heading", {"text": "먼저 듣고, 나중에 모입니다"}),
                _p(
                    "<p>처음에는 우리가 손님 한 분 한 분과 이야기했습니다. 이제는 단골끼리도 서로 우리는 법을 알려 주고, 새로 온 분의 질문에 먼저 답해 주기도 합니다.</p>"
                ),
                _p(
                    "<p>그래서 커뮤니티에는 약속이 있습니다. 차와 소담에 관한 이야기를 나누고, 광고와 가짜 후기는 올리지 않는 것. 이 약속이 지켜질 때 모두가 믿을 수 있는 후기가 쌓입니다.</p>"
                ),
            ],
        },
        "en": {
            "title": "A shop made by its regulars",
            "intro": "How each regular's opinion has changed Sodam's teas and the shop itself.",
            "body": [
                _p(
                    "<p>Most of Sodam's first twenty customers are still regulars. They brought their friends, and their friends brought theirs.</p>"
                ),
                ("heading", {"text": "We listen first, and gather later"}),
                _p(
                    "<p>At first we talked with each customer one by one. Now regulars teach each other how to brew, and sometimes answer a newcomer's question before we do.</p>"
                ),
                _p(
                    "<p>That is why our community has a promise: we talk about tea and Sodam, and we do not post ads or fake reviews. When the promise is kept, reviews pile up that everyone can trust.</p>"
                ),
            ],
        },
    },
    {
        "slug": "mr-kims-morning-hojicha",
        "category": "customers",
        "tags": ["hojicha", "regulars"],
        "days_ago": 70,
        "image": "morning",
        "ko": {
            "title": "매일 아침 호지차 한 잔, 김 선생님의 이야기",
            "intro": "커피를 끊고 호지차로 아침을 여는 은퇴한 국어 선생님을 만났습니다.",
            "body": [
                _p(
                    "<p>김정호 선생님은 3년째 매주 토요일 아침 가게에 들르십니다. 의사 선생님이 커피를 줄이라고 했을 때 처음 고른 차가 호지차였다고 합니다.</p>"
                ),
                (
                    "quote",
                    {
                        "quote": "커피 대신이 아니라, 호지차라서 마십니다.",
                        "attribution": "단골 김정호 님",
                    },
                ),
                _p(
                    "<p>선생님은 보온병에 90도 물을 담아 공원에 나가 차를 우립니다. 그 방법은 이제 커뮤니티에서 가장 많은 '도움이 돼요'를 받은 팁이 되었습니다.</p>"
                ),
            ],
        },
        "en": {
            "title": "A cup of hojicha every morning: Mr Kim's story",
            "intro": "We met a retired Korean-language teacher who starts his day with hojicha instead of coffee.",
            "body": [
                _p(
                    "<p>Mr Kim Jeongho has dropped by the shop every Saturday morning for three years. When his doctor told him to cut down on coffee, the first tea he chose was hojicha.</p>"
                ),
                (
                    "quote",
                    {
                        "quote": "I don't drink it instead of coffee. I drink it because it's hojicha.",
                        "attribution": "Kim Jeongho, a regular",
                    },
                ),
                _p(
                    '<p>He fills a flask with 90 °C water and brews his tea in the park. That method has become the tip with the most "helpful" votes in our community.</p>'
                ),
            ],
        },
    },
    {
        "slug": "rice-cake-maker-tea",
        "category": "customers",
        "tags": ["pairing", "neighbourhood"],
        "days_ago": 50,
        "image": "market",
        "ko": {
            "title": "망원시장 떡집 사장님이 차를 고르는 법",
            "intro": "매일 새벽 떡을 찌는 박 사장님에게 차는 쉬는 시간의 신호입니다.",
            "body": [
                _p(
                    "<p>망원시장에서 30년째 떡집을 하는 박영숙 사장님은 손님에게 떡과 함께 보리 현미 블렌드를 권합니다. 달지 않은 떡과 구수한 차가 서로를 살려 준다고요.</p>"
                ),
                ("heading", {"text": "떡과 차의 짝"}),
                _p(
                    "<ul><li>인절미에는 호지차</li><li>백설기에는 첫물 녹차</li><li>약식에는 달빛 홍차</li></ul>"
                ),
                _p("<p>사장님이 알려 준 이 조합은 매장 칠판에 그대로 적혀 있습니다.</p>"),
            ],
        },
        "en": {
            "title": "How the rice-cake maker at Mangwon Market chooses her tea",
            "intro": "For Ms Park, who steams rice cakes before dawn every day, tea is the signal for a break.",
            "body": [
                _p(
                    "<p>Park Youngsook has run a rice-cake shop in Mangwon Market for thirty years, and she suggests our barley and brown rice blend to go with her rice cakes. A rice cake that is not too sweet and a toasty tea bring out the best in each other, she says.</p>"
                ),
                ("heading", {"text": "Rice cakes and their teas"}),
                _p(
                    "<ul><li>Injeolmi with hojicha</li><li>Baekseolgi with first flush green</li><li>Yaksik with moonlight black tea</li></ul>"
                ),
                _p(
                    "<p>The pairings she taught us are written on the blackboard in our shop, just as she said them.</p>"
                ),
            ],
        },
    },
    {
        "slug": "thursday-roasting-day",
        "category": "behind-the-scenes",
        "tags": ["roasting", "hojicha"],
        "days_ago": 35,
        "image": "roasting",
        "ko": {
            "title": "목요일은 로스팅 데이",
            "intro": "새벽 여섯 시, 로스터가 데워지는 순간부터 포장까지의 하루.",
            "body": [
                _p(
                    "<p>목요일 새벽 여섯 시, 로스터를 예열하는 것으로 하루가 시작됩니다. 한 번에 볶는 양은 3킬로그램. 하루에 여덟 번을 볶습니다.</p>"
                ),
                (
                    "image",
                    {
                        "image": "roaster-drum",
                        "alt_text": "로스터 드럼 안에서 갈색으로 볶아지는 찻잎",
                        "caption": "볶는 동안 드럼은 1분에 40번 돕니다.",
                    },
                ),
                ("heading", {"text": "소리로 아는 불 조절"}),
                _p(
                    "<p>찻잎이 타닥거리는 소리가 잦아들면 불을 줄입니다. 온도계보다 귀가 먼저 압니다. 볶은 잎은 바로 식히고, 오후에 맛을 본 뒤 포장합니다.</p>"
                ),
                (
                    "quote",
                    {
                        "quote": "같은 잎도 날씨에 따라 다르게 볶아야 합니다.",
                        "attribution": "로스터 정하늘",
                    },
                ),
            ],
        },
        "en": {
            "title": "Thursday is roasting day",
            "intro": "A day in the roastery, from warming the roaster at 6 a.m. to packing the tea.",
            "body": [
                _p(
                    "<p>At six on Thursday morning the day begins by preheating the roaster. Each batch is three kilograms, and we roast eight batches a day.</p>"
                ),
                (
                    "image",
                    {
                        "image": "roaster-drum",
                        "alt_text": "Tea leaves turning brown inside the roaster drum",
                        "caption": "The drum turns forty times a minute while the leaves roast.",
                    },
                ),
                ("heading", {"text": "Listening to the heat"}),
                _p(
                    "<p>When the crackle of the leaves dies down, we lower the heat. The ear knows before the thermometer does. The roasted leaves are cooled at once, tasted in the afternoon and then packed.</p>"
                ),
                (
                    "quote",
                    {
                        "quote": "Even the same leaves must be roasted differently depending on the weather.",
                        "attribution": "Jung Haneul, roaster",
                    },
                ),
            ],
        },
    },
    {
        "slug": "three-days-in-jeju",
        "category": "behind-the-scenes",
        "tags": ["jeju", "green-tea"],
        "days_ago": 22,
        "image": "garden",
        "ko": {
            "title": "제주 차밭에서 보낸 사흘",
            "intro": "첫물 녹차를 만드는 농가와 함께 찻잎을 따고 덖은 이야기.",
            "body": [
                _p(
                    "<p>올해 4월, 소담 팀은 서귀포의 작은 차밭에서 사흘을 보냈습니다. 아침 안개가 걷히기 전에 잎을 따야 향이 좋습니다.</p>"
                ),
                _p(
                    "<p>농가의 고 선생님은 30년 동안 같은 밭을 돌보셨습니다. 비료를 줄이고 풀을 손으로 뽑는 방식은 느리지만, 잎이 두껍고 단맛이 깊습니다.</p>"
                ),
                (
                    "image",
                    {
                        "image": "tea-rows",
                        "alt_text": "안개 낀 언덕을 따라 줄지어 선 초록색 차나무",
                        "caption": "서귀포 차밭의 아침",
                    },
                ),
                ("heading", {"text": "우리가 약속한 것"}),
                _p(
                    "<p>소담은 이 농가의 첫물 녹차를 해마다 정해진 값에 모두 사기로 했습니다. 날씨가 나빠 수확이 줄어도 값은 그대로입니다.</p>"
                ),
            ],
        },
        "en": {
            "title": "Three days in a Jeju tea garden",
            "intro": "Picking and pan-firing leaves with the farm that makes our first flush green tea.",
            "body": [
                _p(
                    "<p>This April the Sodam team spent three days in a small tea garden in Seogwipo. The leaves must be picked before the morning mist lifts for the best aroma.</p>"
                ),
                _p(
                    "<p>Mr Ko, the farmer, has looked after the same field for thirty years. Using less fertiliser and weeding by hand is slow, but the leaves are thick and deeply sweet.</p>"
                ),
                (
                    "image",
                    {
                        "image": "tea-rows",
                        "alt_text": "Rows of green tea bushes along a misty hillside",
                        "caption": "Morning in the Seogwipo tea garden",
                    },
                ),
                ("heading", {"text": "What we promised"}),
                _p(
                    "<p>Sodam has agreed to buy this farm's whole first flush every year at a fixed price. If bad weather shrinks the harvest, the price stays the same.</p>"
                ),
            ],
        },
    },
    {
        "slug": "how-to-brew-hojicha",
        "category": "guides",
        "tags": ["hojicha", "brewing"],
        "days_ago": 14,
        "image": "brewing",
        "ko": {
            "title": "호지차 맛있게 우리는 법",
            "intro": "물 온도, 시간, 양만 지키면 집에서도 가게의 맛을 낼 수 있습니다.",
            "body": [
                _p(
                    "<p>호지차는 볶은 차라서 녹차보다 뜨거운 물을 좋아합니다. 쓴맛이 적어 실수해도 크게 망치지 않는, 처음 차를 우리는 분께 좋은 차입니다.</p>"
                ),
                ("heading", {"text": "기본 비율"}),
                _p(
                    "<ol><li>찻잎 3g(티스푼 하나 반)을 준비합니다.</li><li>90~95도의 물 200ml를 붓습니다.</li><li>1분 뒤 잎을 걸러 냅니다.</li></ol>"
                ),
                _p(
                    "<p>두 번째 우릴 때는 30초를 더 주세요. 우유를 데워 반반 섞으면 <i>호지차 라테</i>가 됩니다.</p>"
                ),
            ],
        },
        "en": {
            "title": "How to brew hojicha well",
            "intro": "Keep to the water temperature, time and amount, and you can match the shop's cup at home.",
            "body": [
                _p(
                    "<p>Hojicha is a roasted tea, so it likes hotter water than green tea. It has little bitterness, so mistakes rarely ruin it: a good tea for anyone brewing for the first time.</p>"
                ),
                ("heading", {"text": "The basic ratio"}),
                _p(
                    "<ol><li>Measure 3 g of leaves (one and a half teaspoons).</li><li>Pour 200 ml of water at 90–95 °C.</li><li>Strain the leaves after one minute.</li></ol>"
                ),
                _p(
                    "<p>For the second steep, give it 30 seconds more. Mix half and half with warm milk and you have a <i>hojicha latte</i>.</p>"
                ),
            ],
        },
    },
    {
        "slug": "cold-brew-green-tea",
        "category": "guides",
        "tags": ["green-tea", "cold-brew", "brewing"],
        "days_ago": 8,
        "image": "coldbrew",
        "ko": {
            "title": "냉침 녹차로 여름 나기",
            "intro": "찬물에 밤새 우린 녹차는 떫은맛 없이 달고 시원합니다.",
            "body": [
                _p(
                    "<p>냉침은 찬물에 찻잎을 넣고 냉장고에서 천천히 우리는 방법입니다. 뜨거운 물보다 카테킨이 적게 우러나 떫은맛이 거의 없습니다.</p>"
                ),
                ("heading", {"text": "준비물"}),
                _p("<ul><li>첫물 녹차 5g</li><li>찬물 500ml</li><li>뚜껑 있는 유리병</li></ul>"),
                _p(
                    "<p>6~8시간 우린 뒤 잎을 걸러 내고 이틀 안에 드세요. 보리 현미 블렌드로 해도 맛있습니다.</p>"
                ),
            ],
        },
        "en": {
            "title": "Getting through summer with cold-brewed green tea",
            "intro": "Green tea steeped overnight in cold water is sweet and refreshing, with no astringency.",
            "body": [
                _p(
                    "<p>Cold brewing means putting tea leaves in cold water and letting them steep slowly in the fridge. Fewer catechins come out than with hot water, so there is almost no astringency.</p>"
                ),
                ("heading", {"text": "What you need"}),
                _p(
                    "<ul><li>5 g of first flush green tea</li><li>500 ml of cold water</li><li>A glass bottle with a lid</li></ul>"
                ),
                _p(
                    "<p>Steep for six to eight hours, strain the leaves and drink it within two days. It is delicious with the barley and brown rice blend too.</p>"
                ),
            ],
        },
    },
    {
        "slug": "what-we-changed",
        "category": "philosophy",
        "tags": ["community", "feedback"],
        "days_ago": 3,
        "image": "feedback",
        "ko": {
            "title": "여러분 덕분에 바꾼 세 가지",
            "intro": "지난 분기 커뮤니티에 올라온 후기와 질문을 읽고 실제로 바꾼 것들을 정리했습니다.",
            "body": [
                _p(
                    "<p>지난 석 달 동안 커뮤니티에는 후기 120개와 질문 80개가 올라왔습니다. 모두 읽었고, 그중 세 가지를 바꾸었습니다.</p>"
                ),
                ("heading", {"text": "1. 지퍼 달린 봉투"}),
                _p(
                    '<p>"봉투를 한 번 열면 보관이 어렵다"는 후기가 가장 많았습니다. 이번 달부터 모든 차는 지퍼 백에 담겨 나갑니다.</p>'
                ),
                ("heading", {"text": "2. 라벨에 물 온도"}),
                _p(
                    "<p>우리는 법을 묻는 질문이 많아 라벨 앞면에 물 온도와 시간을 크게 적었습니다.</p>"
                ),
                ("heading", {"text": "3. 50g 소포장"}),
                _p(
                    "<p>처음 마셔 보는 차를 부담 없이 고를 수 있도록 모든 차를 50g으로도 팝니다. 앞으로도 바꾼 것은 이렇게 알려 드리겠습니다.</p>"
                ),
            ],
        },
        "en": {
            "title": "Three things we changed because of you",
            "intro": "We read last quarter's reviews and questions in the community, and here is what we actually changed.",
            "body": [
                _p(
                    "<p>Over the last three months you posted 120 reviews and 80 questions. We read all of them, and we changed three things.</p>"
                ),
                ("heading", {"text": "1. Resealable bags"}),
                _p(
                    '<p>The most common review was "once the bag is open it is hard to store". From this month every tea ships in a zip bag.</p>'
                ),
                ("heading", {"text": "2. Water temperature on the label"}),
                _p(
                    "<p>So many questions asked how to brew that we now print the water temperature and time in large type on the front of the label.</p>"
                ),
                ("heading", {"text": "3. 50 g packs"}),
                _p(
                    "<p>Every tea now also comes in 50 g, so you can try a new one without committing. Whatever we change, we will keep telling you like this.</p>"
                ),
            ],
        },
    },
]

FAQ_CATEGORIES = [
    {
        "slug": "orders-delivery",
        "ko": {"title": "주문과 배송", "intro": "주문, 배송, 포장, 매장 픽업에 관한 질문"},
        "en": {
            "title": "Orders & delivery",
            "intro": "Questions about ordering, delivery, packaging and shop pick-up",
        },
        "faqs": [
            {
                "slug": "delivery-time",
                "ko": {
                    "title": "배송은 얼마나 걸리나요?",
                    "short_answer": "평일 오후 2시 전 주문은 당일 발송하며, 보통 1~2일 안에 도착합니다.",
                    "answer": "<p>목요일에 볶은 차는 금요일 오전에 가장 먼저 발송합니다. 제주와 도서 지역은 하루 이틀 더 걸릴 수 있습니다.</p>",
                },
                "en": {
                    "title": "How long does delivery take?",
                    "short_answer": "Orders placed before 2 p.m. on a weekday ship the same day and usually arrive within one or two days.",
                    "answer": "<p>Tea roasted on Thursday ships first thing on Friday morning. Jeju and the islands may take a day or two longer.</p>",
                },
            },
            {
                "slug": "recycling-packaging",
                "ko": {
                    "title": "포장재는 재활용할 수 있나요?",
                    "short_answer": "상자와 완충재는 종이라 종이류로, 지퍼 백은 비닐류로 분리배출하면 됩니다.",
                    "answer": "<p>테이프도 종이 테이프를 씁니다. 빈 틴 케이스를 매장에 가져오시면 찻잎을 다시 채워 드리고 500원을 할인해 드립니다.</p>",
                },
                "en": {
                    "title": "Can I recycle the packaging?",
                    "short_answer": "The box and padding are paper and go with paper recycling; the zip bag goes with plastics.",
                    "answer": "<p>We use paper tape too. Bring an empty tin to the shop and we will refill it with tea and take 500 won off.</p>",
                },
            },
            {
                "slug": "shop-pickup",
                "ko": {
                    "title": "매장에서 직접 받을 수 있나요?",
                    "short_answer": "네. 주문할 때 '매장 픽업'을 고르면 망원동 매장에서 받을 수 있습니다.",
                    "answer": "<p>준비가 끝나면 문자로 알려 드립니다. 매장은 화요일부터 일요일, 오전 11시부터 오후 7시까지 엽니다.</p>",
                },
                "en": {
                    "title": "Can I pick up my order at the shop?",
                    "short_answer": 'Yes. Choose "shop pick-up" when you order and collect it at our Mangwon-dong shop.',
                    "answer": "<p>We send a text message when it is ready. The shop is open Tuesday to Sunday, 11 a.m. to 7 p.m.</p>",
                },
            },
            {
                "slug": "cancel-or-change-order",
                "ko": {
                    "title": "주문을 취소하거나 바꿀 수 있나요?",
                    "short_answer": "발송 전이라면 언제든 취소하거나 바꿀 수 있습니다.",
                    "answer": "<p>주문 확인 메일의 링크를 누르거나 카카오톡 채널로 주문 번호를 보내 주세요. 이미 발송된 주문은 받으신 뒤 7일 안에 반품할 수 있습니다.</p>",
                },
                "en": {
                    "title": "Can I cancel or change my order?",
                    "short_answer": "You can cancel or change it at any time before it ships.",
                    "answer": "<p>Use the link in your order confirmation email or send your order number to our KakaoTalk channel. Orders that have shipped can be returned within seven days of delivery.</p>",
                },
            },
            {
                "slug": "shipping-abroad",
                "ko": {
                    "title": "해외로도 보내 주시나요?",
                    "short_answer": "지금은 국내 배송만 합니다. 해외 배송은 준비 중입니다.",
                    "answer": "<p>해외 배송을 원하시는 분이 많아 통관 절차를 알아보고 있습니다. 시작하면 이야기 코너에서 가장 먼저 알려 드리겠습니다.</p>",
                },
                "en": {
                    "title": "Do you ship abroad?",
                    "short_answer": "For now we only ship within Korea. International shipping is in preparation.",
                    "answer": "<p>Many of you have asked for international shipping, so we are looking into customs procedures. When it starts, our stories will be the first to tell you.</p>",
                },
            },
        ],
    },
    {
        "slug": "brewing-storage",
        "ko": {"title": "차 우리기와 보관", "intro": "물 온도, 우리는 시간, 보관법에 관한 질문"},
        "en": {
            "title": "Brewing & storage",
            "intro": "Questions about water temperature, steeping time and storage",
        },
        "faqs": [
            {
                "slug": "water-temperature",
                "ko": {
                    "title": "물 온도는 몇 도가 좋나요?",
                    "short_answer": "녹차는 70~75도, 호지차와 홍차는 90~95도가 좋습니다.",
                    "answer": "<p>온도계가 없다면 끓인 물을 다른 컵에 한 번 옮겨 부을 때마다 약 10도씩 내려간다고 생각하면 됩니다. 녹차는 두 번 옮겨 부은 물이 알맞습니다.</p>",
                },
                "en": {
                    "title": "What water temperature should I use?",
                    "short_answer": "70–75 °C for green tea, 90–95 °C for hojicha and black tea.",
                    "answer": "<p>Without a thermometer, remember that boiled water cools by about 10 °C each time you pour it into another cup. For green tea, pour it over twice.</p>",
                },
            },
            {
                "slug": "how-long-tea-keeps",
                "ko": {
                    "title": "차는 얼마나 오래 보관할 수 있나요?",
                    "short_answer": "개봉하지 않았다면 1년, 개봉한 뒤에는 두 달 안에 드시는 것이 좋습니다.",
                    "answer": "<p>호지차처럼 볶은 차는 향이 빨리 날아가므로 한 달 안에 드시길 권합니다. 빛과 습기를 피해 서늘한 곳에 두세요.</p>",
                },
                "en": {
                    "title": "How long does tea keep?",
                    "short_answer": "A year unopened; once opened, it is best within two months.",
                    "answer": "<p>Roasted teas such as hojicha lose their aroma quickly, so we suggest finishing them within a month. Keep tea somewhere cool, away from light and moisture.</p>",
                },
            },
            {
                "slug": "resteeping",
                "ko": {
                    "title": "한 번 우린 잎을 다시 우려도 되나요?",
                    "short_answer": "네. 대부분의 차는 두세 번까지 맛있게 우릴 수 있습니다.",
                    "answer": "<p>두 번째부터는 우리는 시간을 30초씩 늘려 주세요. 우린 잎은 상온에 오래 두지 말고 몇 시간 안에 다시 쓰세요.</p>",
                },
                "en": {
                    "title": "Can I steep the same leaves again?",
                    "short_answer": "Yes. Most teas are good for two or three steeps.",
                    "answer": "<p>From the second steep on, add 30 seconds each time. Do not leave used leaves at room temperature for long: use them again within a few hours.</p>",
                },
            },
            {
                "slug": "caffeine-free",
                "ko": {
                    "title": "카페인이 적은 차가 있나요?",
                    "short_answer": "호지차와 보리 현미 블렌드는 카페인이 적어 저녁에도 마시기 좋습니다.",
                    "answer": "<p>완전히 카페인이 없는 차는 아직 없습니다. 임신 중이거나 카페인에 민감하다면 보리 현미 블렌드를 연하게 우려 드세요.</p>",
                },
                "en": {
                    "title": "Do you have teas with little caffeine?",
                    "short_answer": "Hojicha and the barley and brown rice blend are low in caffeine and fine in the evening.",
                    "answer": "<p>We do not have a completely caffeine-free tea yet. If you are pregnant or sensitive to caffeine, brew the barley and brown rice blend lightly.</p>",
                },
            },
            {
                "slug": "tea-bags-or-loose-leaf",
                "ko": {
                    "title": "티백과 잎차는 무엇이 다른가요?",
                    "short_answer": "같은 차를 담았지만, 잎차가 더 크게 펴지며 향이 풍부합니다.",
                    "answer": "<p>티백은 출근길이나 사무실에서 간편하게 마시기 좋습니다. 소담의 티백은 옥수수 전분으로 만든 망을 씁니다.</p>",
                },
                "en": {
                    "title": "What is the difference between tea bags and loose leaf?",
                    "short_answer": "The tea is the same, but loose leaves unfurl more and give a fuller aroma.",
                    "answer": "<p>Tea bags are handy on the way to work or at the office. Sodam's bags are made of a corn-starch mesh.</p>",
                },
            },
        ],
    },
    {
        "slug": "community",
        "ko": {"title": "단골 커뮤니티", "intro": "후기, 질문, 등급, 커뮤니티 약속에 관한 질문"},
        "en": {
            "title": "Our community",
            "intro": "Questions about reviews, questions, levels and the community promise",
        },
        "faqs": [
            {
                "slug": "member-levels",
                "ko": {
                    "title": "단골 등급은 어떻게 올라가나요?",
                    "short_answer": "후기와 팁을 꾸준히 나누고 다른 분들께 도움이 되면 새내기에서 단골, 믿음직한 단골로 올라갑니다.",
                    "answer": "<p>가입하면 새내기로 시작하고, 첫 글들은 운영진이 확인한 뒤 공개됩니다. 승인된 글이 쌓이면 단골이 되어 글이 바로 공개됩니다. 커뮤니티를 오래 아껴 주신 분은 운영진이 <b>히어로</b>로 모십니다.</p>",
                },
                "en": {
                    "title": "How do member levels work?",
                    "short_answer": "Keep sharing reviews and tips that help others, and you move up from newcomer to regular to trusted regular.",
                    "answer": "<p>Everyone starts as a newcomer, and a moderator checks your first posts before they appear. Once enough of your posts are approved you become a regular, and your posts appear at once. Members who have cared for the community for a long time are invited by the moderators to become <b>heroes</b>.</p>",
                },
            },
            {
                "slug": "why-write-reviews",
                "ko": {
                    "title": "후기를 남기면 어떤 점이 좋은가요?",
                    "short_answer": "다른 분들이 차를 고르는 데 도움이 되고, 소담이 다음 차를 만드는 데 직접 반영됩니다.",
                    "answer": "<p>후기는 분기마다 모두 읽고, 바꾼 점은 '여러분 덕분에 바꾼 것' 이야기로 알려 드립니다. 후기를 쓰려면 로그인해야 하며, 제품마다 한 번씩 남길 수 있습니다.</p>",
                },
                "en": {
                    "title": "Why should I write a review?",
                    "short_answer": "It helps others choose, and it directly shapes the next tea Sodam makes.",
                    "answer": '<p>We read every review each quarter and report what we changed in our "what we changed because of you" stories. You need to be logged in to write a review, and you can review each product once.</p>',
                },
            },
            {
                "slug": "community-guidelines",
                "ko": {
                    "title": "커뮤니티 약속은 무엇인가요?",
                    "short_answer": "차와 소담에 관한 이야기를 나누고, 서로 존중하며, 광고와 가짜 후기는 올리지 않는 것입니다.",
                    "answer": "<p>주제에서 벗어난 글이나 자기 가게 홍보는 한두 번 안내한 뒤에도 계속되면 활동이 제한됩니다. 스팸과 다른 사람을 사칭하는 글은 바로 삭제되고 계정이 정지됩니다.</p>",
                },
                "en": {
                    "title": "What is the community promise?",
                    "short_answer": "Talk about tea and Sodam, respect each other, and never post ads or fake reviews.",
                    "answer": "<p>Off-topic posts or promoting your own business get a reminder or two; if they continue, the account is restricted. Spam and impersonation are removed at once and the account is suspended.</p>",
                },
            },
            {
                "slug": "who-answers-questions",
                "ko": {
                    "title": "질문에는 누가 답하나요?",
                    "short_answer": "소담 고객지원 팀이 평일 하루 안에 답하고, 단골들이 먼저 도와주기도 합니다.",
                    "answer": "<p>소담 직원의 답에는 '공식 답변' 표시가 붙습니다. 자주 묻는 질문이라면 관련 FAQ를 함께 연결해 드립니다.</p>",
                },
                "en": {
                    "title": "Who answers questions?",
                    "short_answer": "Sodam's support team answers within one working day, and regulars often help first.",
                    "answer": '<p>Answers from Sodam staff are marked "official answer". If it is a common question, we link the relevant FAQ too.</p>',
                },
            },
            {
                "slug": "advertising",
                "ko": {
                    "title": "제 가게나 제품을 홍보해도 되나요?",
                    "short_answer": "아니요. 커뮤니티에서는 광고와 홍보 글을 올릴 수 없습니다.",
                    "answer": "<p>함께하고 싶은 일이 있다면 브랜드 메일로 연락해 주세요. 소담과 협업한 이웃 가게는 이야기 코너에서 소개합니다.</p>",
                },
                "en": {
                    "title": "Can I promote my own shop or product?",
                    "short_answer": "No. Ads and promotional posts are not allowed in the community.",
                    "answer": "<p>If you would like to work with us, write to the brand email. Neighbourhood shops we collaborate with are introduced in our stories.</p>",
                },
            },
        ],
    },
]

# Authors, credited on the stories below (Korean original, English translation).
AUTHORS = [
    {
        "key": "sumin",
        "ko": {"name": "이수민", "role": "소담 대표"},
        "en": {"name": "Lee Sumin", "role": "Founder"},
    },
    {
        "key": "dohyun",
        "ko": {"name": "박도현", "role": "헤드 로스터"},
        "en": {"name": "Park Dohyun", "role": "Head roaster"},
    },
    {
        "key": "jia",
        "ko": {"name": "김지아", "role": "티 가이드"},
        "en": {"name": "Kim Jia", "role": "Tea guide"},
    },
]

STORY_AUTHORS = {
    "why-we-roast-locally": ["sumin"],
    "a-shop-made-by-regulars": ["sumin"],
    "mr-kims-morning-hojicha": ["jia"],
    "rice-cake-maker-tea": ["jia", "sumin"],
    "thursday-roasting-day": ["dohyun"],
    "three-days-in-jeju": ["dohyun", "sumin"],
    "how-to-brew-hojicha": ["jia"],
    "cold-brew-green-tea": ["jia", "dohyun"],
    "what-we-changed": ["sumin"],
    "regulars-of-the-month": ["jia"],
}

FEATURED_STORY = "what-we-changed"
# Restricted to logged-in members: visitors see its introduction and an invitation to join.
MEMBERS_ONLY_STORY = "rice-cake-maker-tea"

# Blocks added at the end of a story's body, as (type, Korean value, English value). Pages
# are named by (section slug, page slug) and become the Korean page; readers of the English
# story see its English translation.
EXTRA_BLOCKS = {
    "why-we-roast-locally": [
        (
            "product",
            {"product": ("products", "mangwon-hojicha")},
            {"product": ("products", "mangwon-hojicha")},
        ),
        (
            "video",
            {
                "url": "https://www.youtube.com/watch?v=sodam-roastery",
                "title": "망원동 로스터리 한 바퀴",
                "description": "골목 안 작은 로스터리를 2분 동안 둘러봅니다.",
            },
            {
                "url": "https://www.youtube.com/watch?v=sodam-roastery",
                "title": "A walk around our Mangwon-dong roastery",
                "description": "Two minutes inside the small roastery in the alley.",
            },
        ),
    ],
    "mr-kims-morning-hojicha": [
        (
            "testimonial",
            {
                "quote": "호지차 한 잔을 우리는 3분이 하루 중 제일 조용한 시간이에요.",
                "name": "김 선생님, 망원동",
                "product": ("products", "mangwon-hojicha"),
            },
            {
                "quote": "The three minutes it takes to brew a cup of hojicha are the quietest of my day.",
                "name": "Mr Kim, Mangwon-dong",
                "product": ("products", "mangwon-hojicha"),
            },
        ),
        (
            "faq",
            {"faq": ("faq", "water-temperature")},
            {"faq": ("faq", "water-temperature")},
        ),
    ],
    "rice-cake-maker-tea": [
        (
            "testimonial",
            {
                "quote": "구수한 차는 떡의 단맛을 가리지 않고 받쳐 줘요.",
                "name": "박영숙 사장님, 망원시장",
                "product": ("products", "barley-brown-rice"),
            },
            {
                "quote": "A nutty tea does not hide the sweetness of rice cake, it holds it up.",
                "name": "Park Yeongsuk, Mangwon Market",
                "product": ("products", "barley-brown-rice"),
            },
        ),
        (
            "product",
            {"product": ("products", "barley-brown-rice")},
            {"product": ("products", "barley-brown-rice")},
        ),
    ],
    "thursday-roasting-day": [
        (
            "video",
            {
                "url": "https://vimeo.com/sodam-thursday",
                "title": "목요일 로스팅 3분 요약",
                "description": "찻잎이 호지차가 되기까지를 3분에 담았습니다.",
            },
            {
                "url": "https://vimeo.com/sodam-thursday",
                "title": "Thursday's roast in three minutes",
                "description": "From green leaves to hojicha, in three minutes.",
            },
        ),
        (
            "call_to_action",
            {
                "text": "이번 주에 볶은 호지차를 만나 보세요.",
                "button_label": "망원 호지차 보기",
                "page": ("products", "mangwon-hojicha"),
                "url": "",
            },
            {
                "text": "Meet this week's freshly roasted hojicha.",
                "button_label": "See Mangwon Hojicha",
                "page": ("products", "mangwon-hojicha"),
                "url": "",
            },
        ),
    ],
    "three-days-in-jeju": [
        (
            "product",
            {"product": ("products", "first-flush-green")},
            {"product": ("products", "first-flush-green")},
        ),
        (
            "testimonial",
            {
                "quote": "첫물 녹차를 마시면 봄이 왔다는 게 실감 나요.",
                "name": "단골 정은 님",
                "product": ("products", "first-flush-green"),
            },
            {
                "quote": "When I drink the first flush green, I know spring has come.",
                "name": "Jeong Eun, a regular",
                "product": ("products", "first-flush-green"),
            },
        ),
    ],
    "how-to-brew-hojicha": [
        (
            "faq",
            {"faq": ("faq", "resteeping")},
            {"faq": ("faq", "resteeping")},
        ),
        (
            "faq",
            {"faq": ("faq", "how-long-tea-keeps")},
            {"faq": ("faq", "how-long-tea-keeps")},
        ),
        (
            "call_to_action",
            {
                "text": "우리는 법이 더 궁금하다면 자주 묻는 질문을 둘러보세요.",
                "button_label": "차 우리기 FAQ",
                "page": ("faq", "brewing-storage"),
                "url": "",
            },
            {
                "text": "More questions about brewing? Browse our FAQ.",
                "button_label": "Brewing FAQ",
                "page": ("faq", "brewing-storage"),
                "url": "",
            },
        ),
    ],
    "cold-brew-green-tea": [
        (
            "faq",
            {"faq": ("faq", "caffeine-free")},
            {"faq": ("faq", "caffeine-free")},
        ),
        (
            "video",
            {
                "url": "https://tv.naver.com/v/sodam-coldbrew",
                "title": "냉침 녹차 만들기",
                "description": "",
            },
            {
                "url": "https://tv.naver.com/v/sodam-coldbrew",
                "title": "Making cold-brewed green tea",
                "description": "",
            },
        ),
    ],
    "what-we-changed": [
        (
            "testimonial",
            {
                "quote": "종이 상자로 바뀐 뒤로 분리수거가 훨씬 쉬워졌어요.",
                "name": "단골 지우 님",
                "product": None,
            },
            {
                "quote": "Since the switch to paper boxes, recycling is so much easier.",
                "name": "Jiwoo, a regular",
                "product": None,
            },
        ),
        (
            "call_to_action",
            {
                "text": "여러분의 의견이 다음 변화를 만듭니다. 궁금한 점은 FAQ에서 먼저 찾아보세요.",
                "button_label": "포장 FAQ 보기",
                "page": ("faq", "recycling-packaging"),
                "url": "",
            },
            {
                "text": "Your feedback makes the next change. Check the FAQ for answers first.",
                "button_label": "Packaging FAQ",
                "page": ("faq", "recycling-packaging"),
                "url": "",
            },
        ),
    ],
}

# A story made after the community's posts exist: it puts two members' approved reviews in the
# spotlight ("post" is filled in by the loader).
SPOTLIGHT_STORY = {
    "slug": "regulars-of-the-month",
    "category": "customers",
    "tags": ["regulars", "community", "hojicha"],
    "days_ago": 1,
    "image": "morning",
    "ko": {
        "title": "이달의 단골 후기",
        "intro": "커뮤니티에 올라온 후기 가운데 이번 달 소담 팀의 마음을 움직인 글을 소개합니다.",
        "body": [
            ("heading", {"text": "이번 달의 후기"}),
            _p(
                "<p>매달 커뮤니티에 올라온 후기를 모두 읽고, 한 편을 골라 이야기로 소개합니다. 이번 달에는 망원 호지차의 후기를 골랐습니다.</p>"
            ),
            ("customer_spotlight", {"heading": "단골 스포트라이트"}),
            (
                "quote",
                {"quote": "후기 한 편이 다음 주 로스팅을 바꿉니다.", "attribution": "박도현"},
            ),
            _p("<p>아쉬웠던 점을 솔직하게 적어 준 후기도 함께 소개합니다.</p>"),
            ("customer_spotlight", {"heading": "솔직한 후기"}),
            (
                "call_to_action",
                {
                    "text": "여러분의 후기도 기다립니다.",
                    "button_label": "망원 호지차 후기 쓰기",
                    "page": ("products", "mangwon-hojicha"),
                    "url": "",
                },
            ),
        ],
    },
    "en": {
        "title": "Review of the month",
        "intro": "Of all the reviews in our community this month, the one that moved the Sodam team.",
        "body": [
            ("heading", {"text": "This month's review"}),
            _p(
                "<p>Every month we read all the reviews posted in the community and feature one as a story. This month we chose a review of Mangwon Hojicha.</p>"
            ),
            ("customer_spotlight", {"heading": "Customer spotlight"}),
            (
                "quote",
                {
                    "quote": "One review can change next week's roast.",
                    "attribution": "Park Dohyun",
                },
            ),
            _p("<p>We are also featuring a review that honestly told us what could be better.</p>"),
            ("customer_spotlight", {"heading": "An honest review"}),
            (
                "call_to_action",
                {
                    "text": "We are looking forward to your review too.",
                    "button_label": "Review Mangwon Hojicha",
                    "page": ("products", "mangwon-hojicha"),
                    "url": "",
                },
            ),
        ],
    },
}
