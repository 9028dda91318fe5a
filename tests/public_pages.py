"""One address of every public page type of the demo, in both languages, for the site-wide
HTML, accessibility and query-budget checks."""

PUBLIC_PAGES = [
    "/ko/",
    "/en/",
    "/ko/stories/",
    "/en/stories/",
    "/ko/stories/?category=guides",
    "/en/stories/?tag=hojicha",
    "/ko/stories/thursday-roasting-day/",
    "/en/stories/three-days-in-jeju/",
    "/ko/stories/regulars-of-the-month/",  # customer spotlight, call to action
    "/en/stories/how-to-brew-hojicha/",  # FAQ references
    "/ko/stories/mr-kims-morning-hojicha/",  # testimonial with a product
    "/ko/stories/rice-cake-maker-tea/",  # members only: the invitation to log in
    "/ko/products/",
    "/en/products/",
    "/ko/products/mangwon-hojicha/",
    "/en/products/moonlight-black/",
    "/ko/faq/",
    "/en/faq/",
    "/ko/faq/brewing-storage/",
    "/ko/faq/brewing-storage/water-temperature/",
    "/en/faq/community/member-levels/",
    "/en/faq/brewing-storage/water-temperature/",  # related products and FAQs
    "/ko/search/",
    "/ko/search/?q=%EB%B0%B0%EC%86%A1",  # 배송: results, filters and highlights
    "/en/search/?q=delivary",  # a typo: "did you mean"
    "/ko/guidelines/",
    "/en/guidelines/",
]

MEMBER_FORMS = [
    "/ko/accounts/signup/",
    "/en/accounts/signup/",
    "/ko/accounts/login/",
    "/ko/accounts/password/reset/",
]

ERROR_PAGES = [
    "/ko/no-such-page/",
    "/en/no-such-page/",
]
