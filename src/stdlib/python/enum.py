"""Enumerations: Enum, IntEnum, StrEnum, Flag, IntFlag, auto and unique, following CPython
3.11's behaviour (member order, aliases, lookup by value and name, reprs and messages).
Members are plain class attributes of the enum class (no descriptor), set by EnumType after
the class body ran; the class body dict is scanned instead of using `__prepare__`."""

__all__ = ['EnumType', 'EnumMeta', 'Enum', 'IntEnum', 'StrEnum', 'Flag', 'IntFlag', 'auto',
           'unique', 'ReprEnum', 'global_enum', 'verify', 'member', 'nonmember', 'property']

_auto_null = object()


class auto:
    """Instances are replaced with an appropriate value in Enum class suites."""

    def __init__(self, value=_auto_null):
        self.value = value

    def __repr__(self):
        return 'auto(%r)' % self.value


class member:
    def __init__(self, value):
        self.value = value


class nonmember:
    def __init__(self, value):
        self.value = value


property = __builtins__['property'] if isinstance(__builtins__, dict) else __builtins__.property

_function_types = (type(lambda: 0), classmethod, staticmethod, type(len), property)


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == '__' and name[2] != '_' and name[-3] != '_'


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == '_' and name[1] != '_' and name[-2] != '_'


def _is_private(cls_name, name):
    pattern = '_%s__' % (cls_name,)
    return len(name) > len(pattern) and name.startswith(pattern) and not name.endswith('_')


def _is_member_value(name, value, cls_name):
    if _is_dunder(name) or _is_sunder(name) or _is_private(cls_name, name):
        return False
    if isinstance(value, nonmember):
        return False
    if isinstance(value, member):
        return True
    if isinstance(value, _function_types) or isinstance(value, type):
        return False
    return not hasattr(type(value), '__get__')


def _find_data_type(bases):
    for chain in bases:
        for base in chain.__mro__:
            if base is object:
                continue
            if isinstance(base, EnumType):
                if base._member_type_ is not object:
                    return base._member_type_
                continue
            return base
    return object


def _find_new(classdict, member_type, first_enum):
    """The function creating member objects, and whether it takes the value as arguments."""
    new = classdict.get('__new__')
    if new is not None:
        return new, True
    target = getattr(first_enum, '__new_member__', None)
    if target is not None and target is not Enum.__new__:
        return target, True
    if member_type is not object:
        return member_type.__new__, True
    return object.__new__, False


class EnumType(type):
    """Metaclass for Enum."""

    def __new__(metacls, cls, bases, classdict, *, boundary=None, _simple=False, **kwds):
        names = [k for k, v in classdict.items() if _is_member_value(k, v, cls)]
        body = {k: v for k, v in classdict.items() if k not in names}
        if '__new__' in body:
            body['__new_member__'] = body['__new__']
        first_enum = None
        for base in bases:
            if isinstance(base, EnumType):
                if base._member_names_:
                    raise TypeError(f'{cls!r} cannot extend {base!r}'.replace(
                        repr(cls), f"<enum {cls!r}>"))
                first_enum = base
        member_type = _find_data_type(bases) if bases else object
        enum_class = super().__new__(metacls, cls, bases, body, **kwds)
        type.__setattr__(enum_class, '_member_names_', [])
        type.__setattr__(enum_class, '_member_map_', {})
        type.__setattr__(enum_class, '_value2member_map_', {})
        type.__setattr__(enum_class, '_member_type_', member_type)
        if first_enum is None:
            type.__setattr__(enum_class, '__members__', {})
            return enum_class
        # The mixed-in data type's repr/str/format must not shadow the enum's (CPython checks
        # the same; here the methods are also copied onto the class itself because the VM
        # dispatches a builtin subclass's dunders only when found before the builtin base).
        if member_type is not object:
            for name in ('__repr__', '__str__', '__format__'):
                if name not in classdict:
                    type.__setattr__(enum_class, name, getattr(first_enum, name))
        new, use_args = _find_new(classdict, member_type, first_enum)
        last_values = []
        for name in names:
            value = classdict[name]
            if isinstance(value, member):
                value = value.value
            if isinstance(value, auto):
                if value.value is _auto_null:
                    value.value = enum_class._generate_next_value_(
                        name, 1, len(enum_class._member_names_), last_values[:])
                value = value.value
            metacls._add_member(enum_class, name, value, new, use_args, member_type)
            last_values.append(value)
        # A snapshot (CPython's is a live mappingproxy; members never change after this).
        type.__setattr__(enum_class, '__members__', dict(enum_class._member_map_))
        return enum_class

    @staticmethod
    def _add_member(enum_class, name, value, new, use_args, member_type):
        args = value if isinstance(value, tuple) else (value,)
        if member_type is tuple:
            args = (args,)
        if not use_args:
            enum_member = new(enum_class)
            if not hasattr(enum_member, '_value_'):
                enum_member._value_ = value
        else:
            enum_member = new(enum_class, *args)
            if not hasattr(enum_member, '_value_'):
                enum_member._value_ = value if member_type is object else member_type(*args)
        value = enum_member._value_
        enum_member._name_ = name
        enum_member.__objclass__ = enum_class
        enum_member.__init__(*args)
        enum_member._sort_order_ = len(enum_class._member_names_)
        for canonical in enum_class._member_map_.values():
            if canonical._value_ == value:
                enum_member = canonical
                break
        else:
            enum_class._member_names_.append(name)
        type.__setattr__(enum_class, name, enum_member)
        enum_class._member_map_[name] = enum_member
        try:
            enum_class._value2member_map_.setdefault(value, enum_member)
        except TypeError:
            pass

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1,
                 boundary=None):
        if names is None:
            return cls.__new__(cls, value)
        return cls._create_(value, names, module=module, qualname=qualname, type=type,
                            start=start)

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1):
        bases = (cls,) if type is None else (type, cls)
        if isinstance(names, str):
            names = names.replace(',', ' ').split()
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            original_names, names = names, []
            last_values = []
            for count, name in enumerate(original_names):
                value = cls._generate_next_value_(name, start, count, last_values[:])
                last_values.append(value)
                names.append((name, value))
        classdict = {}
        items = names.items() if isinstance(names, dict) else names
        for item in items:
            if isinstance(item, str):
                member_name, member_value = item, names[item]
            else:
                member_name, member_value = item
            classdict[member_name] = member_value
        enum_class = EnumType.__new__(EnumType, class_name, bases, classdict)
        enum_class.__module__ = '__main__' if module is None else module
        if qualname is not None:
            enum_class.__qualname__ = qualname
        return enum_class

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError(
                "unsupported operand type(s) for 'in': '%s' and '%s'" % (
                    type(member).__qualname__, cls.__class__.__qualname__))
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __delattr__(cls, attr):
        if attr in cls._member_map_:
            raise AttributeError('%r cannot delete member %r.' % (cls.__name__, attr))
        type.__delattr__(cls, attr)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __bool__(cls):
        return True

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % cls.__name__
        return "<enum %r>" % cls.__name__

    def __setattr__(cls, name, value):
        member_map = cls.__dict__.get('_member_map_', {})
        if name in member_map:
            raise AttributeError('cannot reassign member %r' % (name,))
        type.__setattr__(cls, name, value)


EnumMeta = EnumType
Flag = None


class Enum(metaclass=EnumType):
    """Create a collection of name/value pairs."""

    def __new__(cls, value):
        if type(value) is cls:
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            pass
        for member in cls._member_map_.values():
            if member._value_ == value:
                return member
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is None:
            raise ValueError('%r is not a valid %s' % (value, cls.__qualname__))
        raise TypeError('error in %s._missing_: returned %r instead of None or a valid member'
                        % (cls.__name__, result))

    def __init__(self, *args, **kwds):
        pass

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        try:
            last = last_values[-1]
            last_values.sort()
            if last == last_values[-1]:
                return last + 1
            for v in reversed(last_values):
                try:
                    return v + 1
                except TypeError:
                    pass
            return start
        except TypeError:
            raise TypeError('unable to sort non-numeric values') from None

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        v_repr = self.__class__._value_repr_ or repr
        return '<%s.%s: %s>' % (self.__class__.__name__, self._name_, v_repr(self._value_))

    def __str__(self):
        return '%s.%s' % (self.__class__.__name__, self._name_)

    def __format__(self, format_spec):
        return str.__format__(str(self), format_spec)

    def __dir__(self):
        return ['__class__', '__doc__', '__eq__', '__hash__', '__module__', 'name', 'value']

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @property
    def name(self):
        """The name of the Enum member."""
        return self._name_

    @property
    def value(self):
        """The value of the Enum member."""
        return self._value_

    _value_repr_ = None


class ReprEnum(Enum):
    """Only changes the repr(), leaving str() and format() to the mixed-in type."""


class IntEnum(int, ReprEnum):
    """Enum where members are also (and must be) ints."""

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, format_spec):
        return int.__format__(int(self), format_spec)

    _value_repr_ = int.__repr__


class StrEnum(str, ReprEnum):
    """Enum where members are also (and must be) strings."""

    def __new__(cls, *values):
        if len(values) > 3:
            raise TypeError('too many arguments for str(): %r' % (values, ))
        if len(values) == 1 and not isinstance(values[0], str):
            raise TypeError('%r is not a string' % (values[0], ))
        value = str(*values)
        member = str.__new__(cls, value)
        member._value_ = value
        return member

    def __str__(self):
        return str.__str__(self)

    def __format__(self, format_spec):
        return str.__format__(str(self), format_spec)

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


def _high_bit(value):
    return value.bit_length() - 1


class Flag(Enum):
    """Support for flags: members combine with |, & and ^."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        last_value = max(last_values)
        try:
            high_bit = _high_bit(last_value)
        except Exception:
            raise TypeError('invalid flag value %r' % last_value) from None
        return 2 ** (high_bit + 1)

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError('%r is not a valid %s' % (value, cls.__qualname__))
        all_bits = 0
        for m in cls._member_map_.values():
            all_bits |= m._value_
        if value & ~all_bits and value >= 0:
            raise ValueError('%r is not a valid %s' % (value, cls.__qualname__))
        if value < 0:
            value = all_bits & value
        members = [m for m in cls if m._value_ and m._value_ & value == m._value_]
        if cls._member_type_ is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = cls._member_type_.__new__(cls, value)
        pseudo._value_ = value
        pseudo._name_ = '|'.join(m._name_ for m in members) if members else None
        return cls._value2member_map_.setdefault(value, pseudo)

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError(
                "unsupported operand type(s) for 'in': %r and %r" % (
                    type(other).__qualname__, self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return (m for m in self.__class__ if m._value_ and m._value_ & self._value_ == m._value_)

    def __len__(self):
        return bin(self._value_).count('1')

    def __repr__(self):
        cls_name = self.__class__.__name__
        v_repr = self.__class__._value_repr_ or repr
        if self._name_ is None:
            return '<%s: %s>' % (cls_name, v_repr(self._value_))
        return '<%s.%s: %s>' % (cls_name, self._name_, v_repr(self._value_))

    def __str__(self):
        cls_name = self.__class__.__name__
        if self._name_ is None:
            return '%s(%r)' % (cls_name, self._value_)
        return '%s.%s' % (cls_name, self._name_)

    def __bool__(self):
        return bool(self._value_)

    def __or__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ | other._value_)

    def __and__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ & other._value_)

    def __xor__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ ^ other._value_)

    def __invert__(self):
        all_bits = 0
        for m in self.__class__._member_map_.values():
            all_bits |= m._value_
        return self.__class__(all_bits & ~self._value_)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__


class IntFlag(int, ReprEnum, Flag):
    """Support for integer-based Flags."""

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, format_spec):
        return int.__format__(int(self), format_spec)

    _value_repr_ = int.__repr__

    def __or__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif not isinstance(other, int):
            return NotImplemented
        return self.__class__(self._value_ | other)

    def __and__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif not isinstance(other, int):
            return NotImplemented
        return self.__class__(self._value_ & other)

    __ror__ = __or__
    __rand__ = __and__




def unique(enumeration):
    """Class decorator for enumerations ensuring unique member values."""
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member.name:
            duplicates.append((name, member.name))
    if duplicates:
        alias_details = ', '.join(['%s -> %s' % (alias, name) for (alias, name) in duplicates])
        raise ValueError('duplicate values found in %r: %s' % (enumeration, alias_details))
    return enumeration


def global_enum(cls):
    return cls


def verify(*checks):
    return lambda enumeration: enumeration
