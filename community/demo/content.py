"""The demo community: a few regulars and their reviews, tips and questions with our answers.

Korean posts go on the Korean pages and English posts on the English ones. Pages are named by
slug; ``faqs`` on an answer are FAQ slugs shown as cards; ``resolved`` marks the question as
resolved by that answer; ``helpful`` is how many members found the post helpful.
"""

MEMBERS = [
    {"username": "dahye", "email": "dahye@dangol.example", "name": "다혜", "language": "ko"},
    {"username": "junho", "email": "junho@dangol.example", "name": "준호", "language": "ko"},
    {"username": "seoyeon", "email": "seoyeon@dangol.example", "name": "서연", "language": "ko"},
    {"username": "minji", "email": "minji@dangol.example", "name": "망원동 민지", "language": "ko"},
    {"username": "emma", "email": "emma@dangol.example", "name": "Emma", "language": "en"},
    {"username": "daniel", "email": "daniel@dangol.example", "name": "Daniel P.", "language": "en"},
    {"username": "hana", "email": "hana@dangol.example", "name": "Hana", "language": "en"},
]

WELCOME = {
    "ko": (
        "소담의 단골이 되어 주셔서 고맙습니다! 마셔 본 차의 후기, 나만의 우리는 법, 궁금한 점을 "
        "편하게 남겨 주세요. 질문에는 소담 직원이 직접 답합니다."
    ),
    "en": (
        "Thank you for joining Sodam's regulars! Share reviews of the teas you tried, your own "
        "brewing tricks and any question you have. Our staff answer every question themselves."
    ),
}

# Each thread: the page (section, slug), the post, and the official answers below it.
THREADS = {
    "ko": [
        # Reviews
        {
            "page": ("products", "mangwon-hojicha"),
            "kind": "review",
            "rating": 5,
            "author": "dahye",
            "days_ago": 40,
            "helpful": 4,
            "text": "저녁에 마셔도 잠이 잘 와서 요즘 매일 마셔요. 볶은 보리 향이 진하고 **쓴맛이 거의 없어요**. 50g이면 한 달 조금 넘게 마십니다.",
        },
        {
            "page": ("products", "mangwon-hojicha"),
            "kind": "review",
            "rating": 4,
            "author": "junho",
            "days_ago": 31,
            "helpful": 2,
            "text": "고소하고 부드러워요. 다만 처음엔 물을 너무 많이 부어서 싱거웠어요. 물 200ml에 잎 3g 정도가 저한테는 딱 맞았습니다.",
        },
        {
            "page": ("products", "mangwon-hojicha"),
            "kind": "review",
            "rating": 5,
            "author": "member",
            "days_ago": 12,
            "helpful": 3,
            "text": "출근 전에 한 잔, 퇴근하고 한 잔. 목요일에 볶은 걸 금요일에 받으니 향이 정말 살아 있어요.",
        },
        {
            "page": ("products", "first-flush-green"),
            "kind": "review",
            "rating": 5,
            "author": "seoyeon",
            "days_ago": 25,
            "helpful": 2,
            "text": "봄 냄새가 나는 녹차예요. 70도 물로 천천히 우리니까 떫은맛 없이 달큰했어요. 선물용으로도 두 개 더 샀습니다.",
        },
        {
            "page": ("products", "first-flush-green"),
            "kind": "review",
            "rating": 3,
            "author": "junho",
            "days_ago": 9,
            "helpful": 1,
            "text": "향은 좋은데 제 입맛에는 조금 가벼웠어요. 진한 차를 좋아하시면 호지차나 홍차가 더 맞을 것 같아요.",
        },
        {
            "page": ("products", "barley-brown-rice"),
            "kind": "review",
            "rating": 5,
            "author": "minji",
            "days_ago": 20,
            "helpful": 2,
            "text": "아이들도 보리차처럼 잘 마셔요. 냉침해서 물병에 넣어 두면 하루 종일 든든합니다.\n\n- 냉침: 1L에 8g\n- 냉장고에서 6시간",
        },
        {
            "page": ("products", "barley-brown-rice"),
            "kind": "review",
            "rating": 4,
            "author": "dahye",
            "days_ago": 6,
            "helpful": 0,
            "text": "밥 먹을 때 곁들이기 좋아요. 현미 향이 생각보다 진해서 좋았어요.",
        },
        {
            "page": ("products", "moonlight-black"),
            "kind": "review",
            "rating": 5,
            "author": "seoyeon",
            "days_ago": 15,
            "helpful": 3,
            "text": "우유 없이 마셔도 부드러운 홍차는 처음이에요. 두 번째 우린 것도 맛있어서 아껴 마시고 있어요.",
        },
        {
            "page": ("products", "moonlight-black"),
            "kind": "review",
            "rating": 4,
            "author": "member",
            "days_ago": 4,
            "helpful": 1,
            "text": "꿀 향이 은은하게 나요. 오후에 쿠키랑 같이 마시기 좋습니다.",
        },
        # Questions with official answers
        {
            "page": ("products", "mangwon-hojicha"),
            "kind": "question",
            "author": "minji",
            "days_ago": 18,
            "helpful": 2,
            "text": "초등학생 아이도 호지차를 마셔도 될까요? 카페인이 얼마나 있는지 궁금해요.",
            "answers": [
                {
                    "author": "support",
                    "faqs": ["caffeine-free"],
                    "resolved": True,
                    "text": "호지차는 높은 온도에서 볶는 동안 카페인이 많이 줄어서, 녹차의 절반 정도입니다. 아이에게는 연하게(물 300ml에 잎 2g) 낮에 주시는 걸 권해 드려요. 카페인이 거의 없는 차를 찾으신다면 아래 안내도 참고해 주세요.",
                }
            ],
        },
        {
            "page": ("products", "moonlight-black"),
            "kind": "question",
            "author": "junho",
            "days_ago": 11,
            "helpful": 1,
            "text": "달빛 홍차로 밀크티를 만들어도 맛있나요? 몇 분 우려야 할지 알려 주세요.",
            "answers": [
                {
                    "author": "support",
                    "resolved": True,
                    "text": "네, 잘 어울립니다! 밀크티로 드실 때는 잎을 5g으로 늘리고 뜨거운 물 150ml에 **4분** 우린 뒤 데운 우유 100ml를 섞어 보세요. 설탕 없이도 꿀 향이 살아 있어요.",
                }
            ],
        },
        {
            "page": ("faq", "delivery-time"),
            "kind": "question",
            "author": "dahye",
            "days_ago": 8,
            "helpful": 1,
            "text": "제주도로 주문해도 목요일에 볶은 차가 주말 전에 도착할까요?",
            "answers": [
                {
                    "author": "support",
                    "faqs": ["delivery-time", "shop-pickup"],
                    "resolved": True,
                    "text": "제주는 하루가 더 걸려서 보통 토요일에 도착합니다. 금요일 오전 11시 전에 주문하시면 그 주 로스팅분으로 보내 드려요. 배송 일정은 아래 안내에 정리해 두었어요.",
                }
            ],
        },
        {
            "page": ("faq", "resteeping"),
            "kind": "question",
            "author": "seoyeon",
            "days_ago": 5,
            "helpful": 0,
            "text": "아침에 우린 잎을 저녁에 다시 우려도 괜찮을까요?",
            "answers": [
                {
                    "author": "support",
                    "faqs": ["resteeping", "how-long-tea-keeps"],
                    "resolved": False,
                    "text": "젖은 잎은 몇 시간 지나면 향이 빠지고 상하기 쉬워서, 같은 날 3~4시간 안에 다시 우리시는 걸 권해 드려요. 남은 잎은 냉장고에 넣어 두시면 조금 더 오래 갑니다.",
                }
            ],
        },
        {
            "page": ("stories", "how-to-brew-hojicha"),
            "kind": "question",
            "author": "junho",
            "days_ago": 3,
            "helpful": 0,
            "text": "전기포트에 온도 조절이 없는데, 끓인 물을 얼마나 식히면 될까요?",
            "answers": [
                {
                    "author": "support",
                    "faqs": ["water-temperature"],
                    "resolved": True,
                    "text": "끓은 물을 다른 컵에 한 번 옮겨 부으면 약 10도가 내려갑니다. 호지차는 끓은 물을 바로 써도 괜찮고, 녹차는 두 번 옮겨 부어 70도 정도로 맞춰 주세요.",
                }
            ],
        },
        # Tips
        {
            "page": ("stories", "cold-brew-green-tea"),
            "kind": "tip",
            "author": "minji",
            "days_ago": 22,
            "helpful": 3,
            "text": "냉침할 때 유리병 대신 **스테인리스 보틀**을 쓰면 냄새가 안 배고 오래 시원해요. 잎은 다시백에 넣으면 거를 필요도 없어요.",
        },
        {
            "page": ("stories", "mr-kims-morning-hojicha"),
            "kind": "tip",
            "author": "member",
            "days_ago": 14,
            "helpful": 2,
            "text": "저도 아침마다 호지차를 마시는데, 찻잔을 뜨거운 물로 먼저 데워 두면 마지막 한 모금까지 따뜻해요.",
        },
        {
            "page": ("products", "barley-brown-rice"),
            "kind": "tip",
            "author": "seoyeon",
            "days_ago": 10,
            "helpful": 1,
            "text": "보리 현미 블렌드를 우린 물로 밥을 지으면 구수한 누룽지 향이 나요. 한 번 해 보세요!",
        },
        {
            "page": ("faq", "how-long-tea-keeps"),
            "kind": "tip",
            "author": "dahye",
            "days_ago": 2,
            "helpful": 0,
            "text": "개봉한 봉투는 집게로 집어서 지퍼백에 한 번 더 넣어 두니까 한 달이 지나도 향이 그대로였어요.",
        },
    ],
    "en": [
        {
            "page": ("products", "mangwon-hojicha"),
            "kind": "review",
            "rating": 5,
            "author": "emma",
            "days_ago": 35,
            "helpful": 3,
            "text": "My evening ritual now. Toasty and sweet with **no bitterness at all**, and it doesn't keep me awake.",
        },
        {
            "page": ("products", "mangwon-hojicha"),
            "kind": "review",
            "rating": 4,
            "author": "daniel",
            "days_ago": 19,
            "helpful": 1,
            "text": "Lovely roasted flavour. I found 3 g for a 200 ml mug to be the sweet spot; the default is a bit light for me.",
        },
        {
            "page": ("products", "first-flush-green"),
            "kind": "review",
            "rating": 5,
            "author": "hana",
            "days_ago": 27,
            "helpful": 2,
            "text": "Tastes like spring. Brewed at 70 °C it is sweet and grassy, never astringent. I bought two more as gifts.",
        },
        {
            "page": ("products", "first-flush-green"),
            "kind": "review",
            "rating": 4,
            "author": "emma",
            "days_ago": 7,
            "helpful": 0,
            "text": "Delicate and fresh. Take your time with the water temperature: it really matters with this one.",
        },
        {
            "page": ("products", "barley-brown-rice"),
            "kind": "review",
            "rating": 5,
            "author": "daniel",
            "days_ago": 16,
            "helpful": 2,
            "text": "Cold-brewed in a big jug, this is what my whole family drinks all summer.\n\n1. 8 g per litre\n2. Six hours in the fridge",
        },
        {
            "page": ("products", "moonlight-black"),
            "kind": "review",
            "rating": 5,
            "author": "hana",
            "days_ago": 13,
            "helpful": 2,
            "text": "Smooth enough to drink without milk, with a hint of honey. The second steep is almost as good as the first.",
        },
        {
            "page": ("products", "moonlight-black"),
            "kind": "review",
            "rating": 3,
            "author": "daniel",
            "days_ago": 5,
            "helpful": 0,
            "text": "Good, but I like a stronger, maltier black tea for breakfast. Perfect for the afternoon, though.",
        },
        {
            "page": ("products", "barley-brown-rice"),
            "kind": "review",
            "rating": 4,
            "author": "hana",
            "days_ago": 3,
            "helpful": 0,
            "text": "Nutty and comforting, great with dinner. The brown rice aroma is stronger than I expected, in a good way.",
        },
        {
            "page": ("products", "mangwon-hojicha"),
            "kind": "question",
            "author": "hana",
            "days_ago": 17,
            "helpful": 1,
            "text": "Is hojicha OK for kids? How much caffeine does it have?",
            "answers": [
                {
                    "author": "support",
                    "faqs": ["caffeine-free"],
                    "resolved": True,
                    "text": "Roasting at a high temperature removes much of the caffeine, so hojicha has about half as much as green tea. For children we suggest a light brew (2 g in 300 ml) during the day. If you want teas with almost no caffeine, see the FAQ below.",
                }
            ],
        },
        {
            "page": ("products", "moonlight-black"),
            "kind": "question",
            "author": "emma",
            "days_ago": 10,
            "helpful": 1,
            "text": "Does Moonlight Black make a good milk tea? How long should I steep it?",
            "answers": [
                {
                    "author": "support",
                    "resolved": True,
                    "text": "Yes, it does! For milk tea use 5 g of leaves in 150 ml of just-boiled water for **4 minutes**, then add 100 ml of warm milk. The honey notes come through even without sugar.",
                }
            ],
        },
        {
            "page": ("faq", "shipping-abroad"),
            "kind": "question",
            "author": "daniel",
            "days_ago": 6,
            "helpful": 0,
            "text": "I'm moving to Busan from abroad next month. Can I order now and pick up at the shop when I visit Seoul?",
            "answers": [
                {
                    "author": "support",
                    "faqs": ["shop-pickup"],
                    "resolved": True,
                    "text": "Of course. Choose shop pickup when you order and we will keep your tea for two weeks. Details are in the FAQ below; welcome to Korea!",
                }
            ],
        },
        {
            "page": ("faq", "water-temperature"),
            "kind": "question",
            "author": "emma",
            "days_ago": 4,
            "helpful": 0,
            "text": "My kettle has no temperature setting. How long should I let boiled water cool for green tea?",
            "answers": [
                {
                    "author": "support",
                    "faqs": ["water-temperature"],
                    "resolved": False,
                    "text": "Pouring boiled water into another cup lowers it by about 10 °C. For green tea pour it across twice to reach roughly 70 °C; hojicha is fine with water straight off the boil.",
                }
            ],
        },
        {
            "page": ("stories", "thursday-roasting-day"),
            "kind": "question",
            "author": "hana",
            "days_ago": 2,
            "helpful": 0,
            "text": "Can visitors watch the roasting on Thursday mornings?",
            "answers": [
                {
                    "author": "support",
                    "resolved": True,
                    "text": "Yes! The shop opens at 10 on Thursdays and the roaster runs until noon. Come by, and we will let you smell the leaves straight out of the drum.",
                }
            ],
        },
        {
            "page": ("stories", "cold-brew-green-tea"),
            "kind": "tip",
            "author": "emma",
            "days_ago": 21,
            "helpful": 2,
            "text": "Use a **stainless steel bottle** instead of glass for cold brew: it keeps the tea cold for hours and doesn't hold smells.",
        },
        {
            "page": ("stories", "how-to-brew-hojicha"),
            "kind": "tip",
            "author": "daniel",
            "days_ago": 12,
            "helpful": 1,
            "text": "Warm your cup with hot water first. The last sip stays as warm as the first.",
        },
        {
            "page": ("products", "first-flush-green"),
            "kind": "tip",
            "author": "hana",
            "days_ago": 8,
            "helpful": 1,
            "text": "Cold-brew the leaves you already steeped once: overnight in the fridge they give a second, sweeter cup.",
        },
        {
            "page": ("faq", "how-long-tea-keeps"),
            "kind": "tip",
            "author": "emma",
            "days_ago": 1,
            "helpful": 0,
            "text": "I clip the opened bag and put it in a zip bag too. A month later the hojicha still smelled freshly roasted.",
        },
    ],
}
