"""Pictures for the demo, drawn locally with Pillow: nothing is downloaded."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model
from wagtail.models import Collection

# Warm tea colours: background top, background bottom, and shapes.
PALETTES = {
    "hero": ((236, 222, 198), (160, 112, 74), (58, 92, 74)),
    "roastery": ((214, 190, 160), (98, 60, 36), (236, 200, 150)),
    "shop": ((240, 228, 208), (176, 140, 100), (40, 88, 72)),
    "morning": ((250, 236, 206), (214, 160, 110), (120, 70, 40)),
    "market": ((244, 214, 196), (190, 110, 90), (250, 240, 220)),
    "roasting": ((150, 96, 60), (60, 36, 22), (230, 170, 90)),
    "garden": ((208, 226, 200), (70, 120, 84), (240, 246, 230)),
    "brewing": ((236, 226, 214), (150, 110, 80), (90, 140, 120)),
    "coldbrew": ((220, 236, 232), (110, 160, 150), (250, 250, 240)),
    "feedback": ((246, 236, 220), (200, 150, 100), (36, 87, 74)),
    "hojicha": ((230, 200, 166), (132, 78, 44), (250, 236, 210)),
    "green": ((222, 236, 206), (96, 140, 80), (250, 250, 236)),
    "barley": ((240, 220, 180), (176, 130, 70), (120, 80, 40)),
    "black": ((200, 150, 130), (90, 40, 30), (240, 200, 160)),
    "roaster-drum": ((120, 80, 50), (40, 24, 16), (210, 150, 80)),
    "tea-rows": ((226, 236, 226), (80, 130, 90), (50, 90, 60)),
}

TITLES = {
    "hero": "찻잔과 찻잎 (Tea cups and leaves)",
    "roastery": "로스터리 (The roastery)",
    "shop": "망원동 매장 (The Mangwon-dong shop)",
    "morning": "아침 호지차 (Morning hojicha)",
    "market": "망원시장 (Mangwon Market)",
    "roasting": "로스팅 데이 (Roasting day)",
    "garden": "제주 차밭 (A Jeju tea garden)",
    "brewing": "호지차 우리기 (Brewing hojicha)",
    "coldbrew": "냉침 녹차 (Cold-brewed green tea)",
    "feedback": "단골의 의견 (Our regulars' feedback)",
    "hojicha": "망원 호지차 (Mangwon Hojicha)",
    "green": "첫물 녹차 (First Flush Green)",
    "barley": "보리 현미 블렌드 (Barley & Brown Rice Blend)",
    "black": "달빛 홍차 (Moonlight Black Tea)",
    "roaster-drum": "로스터 드럼 (The roaster drum)",
    "tea-rows": "차나무 이랑 (Rows of tea bushes)",
}

PRODUCT_KEYS = {"hojicha", "green", "barley", "black"}
DEMO_COLLECTION_NAME = "Demo"


def draw_picture(key: str, *, seed: int, size: tuple[int, int] = (1600, 1000)) -> bytes:
    """An abstract still life (a gradient with cups and leaves seen from above) as JPEG bytes."""
    rng = random.Random(f"{seed}-{key}")
    top, bottom, accent = PALETTES[key]
    width, height = size
    picture = PillowImage.new("RGB", size)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        t = y / (height - 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )

    overlay = PillowImage.new("RGBA", size, (0, 0, 0, 0))
    shapes = ImageDraw.Draw(overlay)
    for _ in range(rng.randint(3, 5)):  # cups: a rim, the tea, a highlight
        radius = rng.randint(height // 9, height // 4)
        x, y = rng.randint(radius, width - radius), rng.randint(radius, height - radius)
        shapes.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*accent, 200))
        inner = int(radius * 0.78)
        shapes.ellipse((x - inner, y - inner, x + inner, y + inner), fill=(*bottom, 230))
        glint = inner // 3
        shapes.ellipse(
            (x - inner // 2, y - inner // 2, x - inner // 2 + glint, y - inner // 2 + glint),
            fill=(255, 255, 255, 70),
        )
    for _ in range(rng.randint(8, 14)):  # leaves
        length = rng.randint(height // 14, height // 7)
        x, y = rng.randint(0, width), rng.randint(0, height)
        leaf = PillowImage.new("RGBA", (length * 2, length), (0, 0, 0, 0))
        ImageDraw.Draw(leaf).ellipse(
            (0, length // 4, length * 2, length * 3 // 4), fill=(*accent, 170)
        )
        leaf = leaf.rotate(rng.randint(0, 179), expand=True)
        overlay.alpha_composite(leaf, (min(x, width - leaf.width), min(y, height - leaf.height)))
    picture = PillowImage.alpha_composite(
        picture.convert("RGBA"), overlay.filter(ImageFilter.GaussianBlur(1))
    )

    output = io.BytesIO()
    picture.convert("RGB").save(output, format="JPEG", quality=82, optimize=True)
    return output.getvalue()


def ensure_demo_images(*, seed: int, scale: float = 1.0) -> dict:
    """The demo pictures by key, drawing and storing any that are missing.

    ``scale`` shrinks them (the test suite draws them small to keep renditions cheap)."""
    Image = get_image_model()
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=DEMO_COLLECTION_NAME).first()
    if collection is None:
        collection = root.add_child(name=DEMO_COLLECTION_NAME)
    existing = {image.title: image for image in Image.objects.filter(collection=collection)}
    images = {}
    for key, title in TITLES.items():
        image = existing.get(title)
        if image is None:
            width, height = (1200, 1200) if key in PRODUCT_KEYS else (1600, 1000)
            size = (round(width * scale), round(height * scale))
            data = draw_picture(key, seed=seed, size=size)
            image = Image(title=title, collection=collection)
            image.file = ImageFile(io.BytesIO(data), name=f"demo-{key}.jpg")
            image.save()
        images[key] = image
    return images
