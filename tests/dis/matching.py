def where(p):
    match p:
        case (0, 0):
            return "origin"
        case [x, 0] | [0, x] if x > 0:
            return "axis"
        case {"x": x, **others}:
            return others
        case Point(x=0, y=yy) as pt:
            return pt
        case str() | bytes():
            return "text"
        case None:
            return None
        case _:
            return "other"
