class C:
    def m(self):
        return 1 / 0
c = C()
r = (c
     .m())
