# Kommentar mit Umlauten: äöü ß — and an emoji 🎉
café = 1
naïve = café + 1
π = 3.14159
变量 = "中文字符串"
Ωmega_2 = π * 2
_ñ = 'ñ'
s = "zero\u200bwidth: ​ nbsp:  tab:	end"
t = '\x00 literal escapes stay as written'
ｆｕｌｌ = 1
def 函数(参数=1):
    return 参数
