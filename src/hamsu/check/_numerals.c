/* The tokenizer of hamsu.check.numerals (_python_tokens), compiled. It gives exactly what the
 * Python gives (tests/test_numerals_core.py, which runs the Python where this file could not be
 * built): the same tokens, with the same kinds, texts and spans, and the same "may count" flags.
 *
 * The Python reads a text with one pattern, _TOKEN:
 *     (\s*)(?:(\d+(?:[.,٫٬،/:]\d+)*|(?<![\w.])\.\d+)|([PERSIAN]+)|([A-Za-z]+)|(\S))
 * where \s, \d and \w are the pattern engine's Unicode classes (Py_UNICODE_ISSPACE,
 * Py_UNICODE_ISDECIMAL, Py_UNICODE_ISALNUM or "_"), and PERSIAN the letters, marks and half-space
 * numerals.py names. This file walks the text once, character by character, taking the same
 * alternative the pattern would at each token's start.
 *
 * set_tables(token_type, persian_ranges, fa_token_word, en_may_count)
 *   token_type: numerals._Token (a tuple subclass: its tokens are made as tuple_subtype_new makes them)
 *   persian_ranges: a tuple of (first, last) code points, the PERSIAN class
 *   fa_token_word(word) -> (read, may_count) and en_may_count(word) -> bool: numerals.py's own
 *   functions, asked of each Persian and English word the first time it is met (read_word keeps
 *   what they say)
 * tokens(text) -> (tuple of tokens, tuple of bools): _python_tokens of a text whose digits are
 *   already ASCII where they were Persian or Arabic-Indic (ascii_digits)
 * steps(text, excluded) -> (steps, tail): _python_steps (see steps below), only the tokens it
 *   gives made
 * set_content_tables(marks, letters, word_content), content(text) -> 0, 1 or 2: numerals.number_content
 *   (see content below)
 * set_month_tables(run_letters, is_month_run), has_month_run(text) -> bool: the Persian month test
 *   of dates._parts_present (see has_month_run below)
 * alnum_count(text) -> int: how many characters of text are letters or digits (str.isalnum, which
 *   is what the pattern engine's \w is, "_" aside): omission.content_length, the length-ratio
 *   rule's measure of every side, in one loop
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

static PyTypeObject *token_type = NULL;
static PyObject *fa_token_word = NULL;
static PyObject *en_may_count = NULL;
static Py_UCS4 *ranges = NULL; /* first, last, first, last, ... */
static Py_ssize_t range_count = 0;
static PyObject *kind_num = NULL, *kind_fa = NULL, *kind_en = NULL, *kind_mark = NULL;

static int is_persian(Py_UCS4 ch) {
    for (Py_ssize_t k = 0; k < range_count; k++) {
        if (ranges[2 * k] <= ch && ch <= ranges[2 * k + 1]) return 1;
    }
    return 0;
}

static int is_separator(Py_UCS4 ch) {
    /* [.,٫٬،/:] */
    return ch == '.' || ch == ',' || ch == 0x066B || ch == 0x066C || ch == 0x060C || ch == '/' || ch == ':';
}

static int is_word(Py_UCS4 ch) { return Py_UNICODE_ISALNUM(ch) || ch == '_'; }

static int is_ascii_letter(Py_UCS4 ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

static void empty_table(void);

static PyObject *set_tables(PyObject *self, PyObject *args) {
    PyObject *type, *given_ranges, *fa_word, *en_count;
    if (!PyArg_ParseTuple(args, "O!O!OO", &PyType_Type, &type, &PyTuple_Type, &given_ranges, &fa_word, &en_count))
        return NULL;
    if (!PyType_IsSubtype((PyTypeObject *)type, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "token_type must be a tuple subclass");
        return NULL;
    }
    Py_ssize_t count = PyTuple_GET_SIZE(given_ranges);
    Py_UCS4 *table = PyMem_Malloc(sizeof(Py_UCS4) * 2 * (count ? count : 1));
    if (table == NULL) return PyErr_NoMemory();
    for (Py_ssize_t k = 0; k < count; k++) {
        unsigned long first, last;
        if (!PyArg_ParseTuple(PyTuple_GET_ITEM(given_ranges, k), "kk", &first, &last)) {
            PyMem_Free(table);
            return NULL;
        }
        table[2 * k] = (Py_UCS4)first;
        table[2 * k + 1] = (Py_UCS4)last;
    }
    if (kind_num == NULL) {
        kind_num = PyUnicode_InternFromString("num");
        kind_fa = PyUnicode_InternFromString("fa");
        kind_en = PyUnicode_InternFromString("en");
        kind_mark = PyUnicode_InternFromString("mark");
        if (!kind_num || !kind_fa || !kind_en || !kind_mark) {
            PyMem_Free(table);
            return NULL;
        }
    }
    PyMem_Free(ranges);
    ranges = table;
    range_count = count;
    Py_INCREF(type);
    Py_XSETREF(token_type, (PyTypeObject *)type);
    Py_INCREF(fa_word);
    Py_XSETREF(fa_token_word, fa_word);
    Py_INCREF(en_count);
    Py_XSETREF(en_may_count, en_count);
    empty_table(); /* what the functions given before said */
    Py_RETURN_NONE;
}

/* A token as _Token(kind, text, start, end) makes it; steals `text`. */
static PyObject *make_token(PyObject *kind, PyObject *text, Py_ssize_t start, Py_ssize_t end) {
    PyObject *token = token_type->tp_alloc(token_type, 4);
    if (token == NULL) {
        Py_DECREF(text);
        return NULL;
    }
    PyObject *first = PyLong_FromSsize_t(start), *last = PyLong_FromSsize_t(end);
    if (first == NULL || last == NULL) {
        Py_XDECREF(first);
        Py_XDECREF(last);
        Py_DECREF(text);
        Py_DECREF(token);
        return NULL;
    }
    Py_INCREF(kind);
    PyTuple_SET_ITEM(token, 0, kind);
    PyTuple_SET_ITEM(token, 1, text);
    PyTuple_SET_ITEM(token, 2, first);
    PyTuple_SET_ITEM(token, 3, last);
    return token;
}

/* One token of a text as the scanner finds it. `word`: for a Persian word its reading (from
 * fa_token_word), for an English word its text; NULL for digits and marks, whose text is cut from
 * the text only when a token is made of them. */
typedef struct {
    Py_ssize_t start, end;
    PyObject *kind;   /* kind_num, kind_fa, kind_en or kind_mark (borrowed) */
    PyObject *word;   /* owned, or NULL */
    PyObject *token;  /* owned, or NULL until made */
    Py_UCS4 first;    /* the first character (a mark's only one) */
    char counts;      /* "may count": numerals() must read it */
} Tok;

static void free_toks(Tok *toks, Py_ssize_t count) {
    for (Py_ssize_t k = 0; k < count; k++) {
        Py_XDECREF(toks[k].word);
        Py_XDECREF(toks[k].token);
    }
    PyMem_Free(toks);
}

/* What fa_token_word and en_may_count said of each word, kept here: a word is looked up by its
 * characters, without making a str of it or calling into Python. Open addressing; when a quarter
 * of the slots is left, the table is emptied (bounded, like the Python's own caches). */
typedef struct {
    PyObject *written; /* the word as written (owned), NULL for an empty slot */
    PyObject *word;    /* its reading (a Persian word) or itself (an English one), owned */
    Py_uhash_t hash;
    char role;         /* ENGLISH_TOKEN, PERSIAN_TOKEN or CONTENT_WORD */
    char counts;       /* "may count"; for a CONTENT_WORD, what word_content said */
} Entry;

enum { ENGLISH_TOKEN, PERSIAN_TOKEN, CONTENT_WORD, MONTH_RUN };
static PyObject *word_content = NULL, *is_month_run = NULL;

#define SLOTS (1 << 16)
static Entry *table = NULL;
static Py_ssize_t filled = 0;

static void empty_table(void) {
    if (table == NULL) return;
    for (Py_ssize_t k = 0; k < SLOTS; k++) {
        Py_CLEAR(table[k].written);
        Py_CLEAR(table[k].word);
    }
    filled = 0;
}

/* The entry of the characters [start, end) of data (of a str `text`, or a buffer of UCS4 where
 * text is NULL), asked of the Python where it is not kept; NULL on an error. */
static Entry *read_word(PyObject *text, int kind, const void *data, Py_ssize_t start, Py_ssize_t end, int role) {
    if (table == NULL) {
        table = PyMem_Calloc(SLOTS, sizeof(Entry));
        if (table == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
    }
    Py_uhash_t hash = 2166136261u + (Py_uhash_t)role; /* FNV-1a over the code points */
    for (Py_ssize_t i = start; i < end; i++) hash = (hash ^ PyUnicode_READ(kind, data, i)) * 16777619u;
    Py_ssize_t length = end - start;
    size_t slot = hash & (SLOTS - 1);
    for (;;) {
        Entry *entry = &table[slot];
        if (entry->written == NULL) break;
        if (entry->hash == hash && entry->role == role && PyUnicode_GET_LENGTH(entry->written) == length) {
            int written_kind = PyUnicode_KIND(entry->written);
            const void *written_data = PyUnicode_DATA(entry->written);
            Py_ssize_t i = 0;
            while (i < length &&
                   PyUnicode_READ(written_kind, written_data, i) == PyUnicode_READ(kind, data, start + i)) i++;
            if (i == length) return entry;
        }
        slot = (slot + 1) & (SLOTS - 1);
    }
    PyObject *written = text != NULL ? PyUnicode_Substring(text, start, end)
                                     : PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, (const Py_UCS4 *)data + start, length);
    if (written == NULL) return NULL;
    PyObject *word;
    int counts;
    if (role == CONTENT_WORD) {
        word = Py_None;
        Py_INCREF(word);
        PyObject *answer = PyObject_CallOneArg(word_content, written);
        counts = answer == NULL ? -1 : (int)PyLong_AsLong(answer);
        Py_XDECREF(answer);
        if (counts < 0 && !PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "word_content must give 0, 1 or 2");
    } else if (role == MONTH_RUN) {
        word = Py_None;
        Py_INCREF(word);
        PyObject *answer = PyObject_CallOneArg(is_month_run, written);
        counts = answer == NULL ? -1 : PyObject_IsTrue(answer);
        Py_XDECREF(answer);
    } else if (role == PERSIAN_TOKEN) {
        PyObject *read = PyObject_CallOneArg(fa_token_word, written);
        if (read == NULL) {
            Py_DECREF(written);
            return NULL;
        }
        if (!PyTuple_Check(read) || PyTuple_GET_SIZE(read) != 2) {
            Py_DECREF(read);
            Py_DECREF(written);
            PyErr_SetString(PyExc_TypeError, "fa_token_word must give (read, may_count)");
            return NULL;
        }
        word = PyTuple_GET_ITEM(read, 0);
        Py_INCREF(word);
        counts = PyObject_IsTrue(PyTuple_GET_ITEM(read, 1));
        Py_DECREF(read);
    } else {
        word = written;
        Py_INCREF(word);
        PyObject *answer = PyObject_CallOneArg(en_may_count, written);
        counts = answer == NULL ? -1 : PyObject_IsTrue(answer);
        Py_XDECREF(answer);
    }
    if (counts < 0) {
        Py_DECREF(word);
        Py_DECREF(written);
        return NULL;
    }
    if (filled >= SLOTS - SLOTS / 4) {
        empty_table();
        slot = hash & (SLOTS - 1);
    }
    while (table[slot].written != NULL) slot = (slot + 1) & (SLOTS - 1);
    Entry *entry = &table[slot];
    entry->written = written;
    entry->word = word;
    entry->hash = hash;
    entry->role = (char)role;
    entry->counts = (char)counts;
    filled++;
    return entry;
}

/* Whether text is a ready str and, where `table` is given, whether its setter was called first;
 * else -1 with the error set. Every entry point below starts with it. */
static int text_argument(PyObject *text, const void *table, const char *setter) {
    if (setter != NULL && table == NULL) {
        PyErr_Format(PyExc_RuntimeError, "%s was not called", setter);
        return -1;
    }
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "text must be a str");
        return -1;
    }
    return PyUnicode_READY(text) < 0 ? -1 : 0;
}

/* The tokens of text, as _TOKEN finds them; NULL on an error (set). */
static Tok *scan(PyObject *text, Py_ssize_t *count) {
    if (text_argument(text, token_type, "set_tables")) return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), size = 16, used = 0;
    Tok *toks = PyMem_Malloc(sizeof(Tok) * size);
    if (toks == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    Py_ssize_t i = 0;
    for (;;) {
        while (i < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) i++;
        if (i >= n) break; /* only white space left: the pattern matches no more */
        Py_ssize_t start = i;
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        PyObject *token_kind;
        int counts = 0;
        if (Py_UNICODE_ISDECIMAL(ch)) { /* \d+(?:[.,٫٬،/:]\d+)* */
            i++;
            while (i < n && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i))) i++;
            while (i + 1 < n && is_separator(PyUnicode_READ(kind, data, i)) &&
                   Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i + 1))) {
                i += 2;
                while (i < n && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i))) i++;
            }
            token_kind = kind_num;
            counts = 1;
        } else if (ch == '.' && i + 1 < n && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i + 1)) &&
                   !(i > 0 && (is_word(PyUnicode_READ(kind, data, i - 1)) || PyUnicode_READ(kind, data, i - 1) == '.'))) {
            i += 2; /* (?<![\w.])\.\d+ */
            while (i < n && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i))) i++;
            token_kind = kind_num;
            counts = 1;
        } else if (is_persian(ch)) {
            i++;
            while (i < n && is_persian(PyUnicode_READ(kind, data, i))) i++;
            token_kind = kind_fa;
        } else if (is_ascii_letter(ch)) {
            i++;
            while (i < n && is_ascii_letter(PyUnicode_READ(kind, data, i))) i++;
            token_kind = kind_en;
        } else {
            i++;
            token_kind = kind_mark;
            counts = ch == '+';
        }
        PyObject *word = NULL;
        if (token_kind == kind_fa || token_kind == kind_en) {
            Entry *entry = read_word(text, kind, data, start, i, token_kind == kind_fa ? PERSIAN_TOKEN : ENGLISH_TOKEN);
            if (entry == NULL) goto fail;
            word = entry->word;
            Py_INCREF(word);
            counts = entry->counts;
        }
        if (used == size) {
            size *= 2;
            Tok *grown = PyMem_Realloc(toks, sizeof(Tok) * size);
            if (grown == NULL) {
                Py_XDECREF(word);
                PyErr_NoMemory();
                goto fail;
            }
            toks = grown;
        }
        Tok *tok = &toks[used++];
        tok->start = start;
        tok->end = i;
        tok->kind = token_kind;
        tok->word = word;
        tok->token = NULL;
        tok->first = ch;
        tok->counts = (char)counts;
    }
    *count = used;
    return toks;
fail:
    free_toks(toks, used);
    return NULL;
}

/* The _Token of tok, made once (a borrowed reference, or NULL on an error). */
static PyObject *token_of(PyObject *text, Tok *tok) {
    if (tok->token == NULL) {
        PyObject *word = tok->word;
        if (word != NULL) {
            Py_INCREF(word);
        } else {
            word = PyUnicode_Substring(text, tok->start, tok->end);
            if (word == NULL) return NULL;
        }
        tok->token = make_token(tok->kind, word, tok->start, tok->end);
    }
    return tok->token;
}

static PyObject *tokens(PyObject *self, PyObject *text) {
    Py_ssize_t count;
    Tok *toks = scan(text, &count);
    if (toks == NULL) return NULL;
    PyObject *out = PyTuple_New(count), *may = PyTuple_New(count);
    if (out == NULL || may == NULL) goto fail;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *token = token_of(text, &toks[k]);
        if (token == NULL) goto fail;
        Py_INCREF(token);
        PyTuple_SET_ITEM(out, k, token);
        PyObject *flag = toks[k].counts ? Py_True : Py_False;
        Py_INCREF(flag);
        PyTuple_SET_ITEM(may, k, flag);
    }
    free_toks(toks, count);
    return Py_BuildValue("(NN)", out, may);
fail:
    Py_XDECREF(out);
    Py_XDECREF(may);
    free_toks(toks, count);
    return NULL;
}

static int is_hyphen(Py_UCS4 ch) { return ch == '-' || (ch >= 0x2010 && ch <= 0x2013); }

/* Whether a token's text is in _HYPHENS (a substring of it): a hyphen, or a Persian word whose
 * reading is empty (marks and half-spaces only). */
static int in_hyphens(Tok *tok) {
    if (tok->kind == kind_mark) return is_hyphen(tok->first);
    if (tok->kind == kind_fa) return PyUnicode_GET_LENGTH(tok->word) == 0;
    return 0;
}

/* steps(text, excluded) -> (steps, tail): what numerals() reads of text (digits in ASCII), as
 * _python_steps gives it: the tokens left after those overlapping a span of `excluded` (a list of
 * (start, end), sorted) and hyphens glued between two English words are taken out, each token
 * that may count as (adjacent, token, previous, next) -- adjacent: the token before it was read
 * too; previous and next: its neighbours left, or None -- and tail: whether tokens follow the
 * last one read. Only these tokens are made. */
static PyObject *steps(PyObject *self, PyObject *args) {
    PyObject *text, *excluded;
    if (!PyArg_ParseTuple(args, "UO!", &text, &PyList_Type, &excluded)) return NULL;
    Py_ssize_t spans = PyList_GET_SIZE(excluded);
    Py_ssize_t *bounds = PyMem_Malloc(sizeof(Py_ssize_t) * 2 * (spans ? spans : 1));
    if (bounds == NULL) return PyErr_NoMemory();
    for (Py_ssize_t k = 0; k < spans; k++) {
        if (!PyArg_ParseTuple(PyList_GET_ITEM(excluded, k), "nn", &bounds[2 * k], &bounds[2 * k + 1])) {
            PyMem_Free(bounds);
            return NULL;
        }
    }
    Py_ssize_t count;
    Tok *toks = scan(text, &count);
    if (toks == NULL) {
        PyMem_Free(bounds);
        return NULL;
    }
    PyObject *out = NULL;
    Py_ssize_t *kept = PyMem_Malloc(sizeof(Py_ssize_t) * (count ? count : 1)); /* indices into toks */
    if (kept == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    /* _outside: a token overlapping a span (s < token end and token start < e) is taken out. */
    Py_ssize_t left = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        int outside = 1;
        for (Py_ssize_t j = 0; j < spans && outside; j++) {
            if (bounds[2 * j] < toks[k].end && toks[k].start < bounds[2 * j + 1]) outside = 0;
        }
        if (outside) kept[left++] = k;
    }
    /* A hyphen glued between two English words (twenty-one) is part of the compound: taken out,
     * where the text holds a hyphen at all. Each is judged among the tokens left above. */
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    int hyphens = 0;
    for (Py_ssize_t i = 0, n = PyUnicode_GET_LENGTH(text); i < n && !hyphens; i++) {
        hyphens = is_hyphen(PyUnicode_READ(kind, data, i));
    }
    if (hyphens && left > 2) {
        char *glued = PyMem_Calloc(left, 1);
        if (glued == NULL) {
            PyErr_NoMemory();
            goto done;
        }
        for (Py_ssize_t k = 1; k < left - 1; k++) {
            Tok *t = &toks[kept[k]], *before = &toks[kept[k - 1]], *after = &toks[kept[k + 1]];
            glued[k] = in_hyphens(t) && before->kind == kind_en && after->kind == kind_en &&
                       before->end == t->start && t->end == after->start;
        }
        Py_ssize_t still = 0;
        for (Py_ssize_t k = 0; k < left; k++) {
            if (!glued[k]) kept[still++] = kept[k];
        }
        left = still;
        PyMem_Free(glued);
    }
    PyObject *found = PyList_New(0);
    if (found == NULL) goto done;
    Py_ssize_t before = -1;
    for (Py_ssize_t k = 0; k < left; k++) {
        Tok *tok = &toks[kept[k]];
        if (!tok->counts) continue;
        PyObject *token = token_of(text, tok);
        PyObject *previous = k ? token_of(text, &toks[kept[k - 1]]) : Py_None;
        PyObject *next = k < left - 1 ? token_of(text, &toks[kept[k + 1]]) : Py_None;
        if (token == NULL || previous == NULL || next == NULL) {
            Py_DECREF(found);
            goto done;
        }
        PyObject *step = PyTuple_Pack(4, k == before + 1 ? Py_True : Py_False, token, previous, next);
        if (step == NULL || PyList_Append(found, step)) {
            Py_XDECREF(step);
            Py_DECREF(found);
            goto done;
        }
        Py_DECREF(step);
        before = k;
    }
    out = Py_BuildValue("(NO)", found, before != left - 1 ? Py_True : Py_False);
done:
    PyMem_Free(kept);
    PyMem_Free(bounds);
    free_toks(toks, count);
    return out;
}

static Py_UCS4 *mark_ranges = NULL, *letter_ranges = NULL;
static Py_ssize_t mark_count = 0, letter_count = 0;

static int in_ranges(Py_UCS4 ch, const Py_UCS4 *table_of, Py_ssize_t count) {
    for (Py_ssize_t k = 0; k < count; k++) {
        if (table_of[2 * k] <= ch && ch <= table_of[2 * k + 1]) return 1;
    }
    return 0;
}

static int read_ranges(PyObject *given, Py_UCS4 **out, Py_ssize_t *count) {
    Py_ssize_t n = PyTuple_GET_SIZE(given);
    Py_UCS4 *made = PyMem_Malloc(sizeof(Py_UCS4) * 2 * (n ? n : 1));
    if (made == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        unsigned long first, last;
        if (!PyArg_ParseTuple(PyTuple_GET_ITEM(given, k), "kk", &first, &last)) {
            PyMem_Free(made);
            return -1;
        }
        made[2 * k] = (Py_UCS4)first;
        made[2 * k + 1] = (Py_UCS4)last;
    }
    PyMem_Free(*out);
    *out = made;
    *count = n;
    return 0;
}

/* set_content_tables(marks, letters, word_content): the ranges of the marks number_content drops
 * and of the letters its Persian words are made of, and word_content(word) -> 0, 1 or 2. */
static PyObject *set_content_tables(PyObject *self, PyObject *args) {
    PyObject *marks, *letters, *function;
    if (!PyArg_ParseTuple(args, "O!O!O", &PyTuple_Type, &marks, &PyTuple_Type, &letters, &function)) return NULL;
    if (read_ranges(marks, &mark_ranges, &mark_count) || read_ranges(letters, &letter_ranges, &letter_count))
        return NULL;
    Py_INCREF(function);
    Py_XSETREF(word_content, function);
    empty_table();
    Py_RETURN_NONE;
}

/* content(text) -> 0, 1 or 2: numerals.number_content. 2 at the first digit; else the most any
 * word says (word_content), the words read as number_content reads them: the marks dropped (a
 * mark inside a word joins its two halves), runs of Persian letters or of ASCII letters. */
static PyObject *content(PyObject *self, PyObject *text) {
    if (text_argument(text, word_content, "set_content_tables")) return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i))) return PyLong_FromLong(2);
    }
    Py_UCS4 stack[64];
    Py_UCS4 *word = stack;
    Py_ssize_t room = 64, length = 0, best = 0;
    int run = 0; /* 0: none, 1: Persian letters, 2: ASCII letters */
    for (Py_ssize_t i = 0; i <= n && best < 2; i++) {
        Py_UCS4 ch = i < n ? PyUnicode_READ(kind, data, i) : 0;
        int now = 0;
        if (i < n) {
            if (in_ranges(ch, mark_ranges, mark_count)) continue; /* dropped: the run goes on */
            now = in_ranges(ch, letter_ranges, letter_count) ? 1 : is_ascii_letter(ch) ? 2 : 0;
        }
        if (now != run && length) { /* a word ends */
            Entry *entry = read_word(NULL, PyUnicode_4BYTE_KIND, word, 0, length, CONTENT_WORD);
            if (entry == NULL) {
                if (word != stack) PyMem_Free(word);
                return NULL;
            }
            if (entry->counts > best) best = entry->counts;
            length = 0;
        }
        run = now;
        if (now) {
            if (length == room) {
                Py_UCS4 *grown = PyMem_Malloc(sizeof(Py_UCS4) * room * 2);
                if (grown == NULL) {
                    if (word != stack) PyMem_Free(word);
                    return PyErr_NoMemory();
                }
                memcpy(grown, word, sizeof(Py_UCS4) * length);
                if (word != stack) PyMem_Free(word);
                word = grown;
                room *= 2;
            }
            word[length++] = ch;
        }
    }
    if (word != stack) PyMem_Free(word);
    return PyLong_FromSsize_t(best);
}

static Py_UCS4 *run_ranges = NULL;
static Py_ssize_t run_count = 0;

/* set_month_tables(run_letters, is_month_run): the ranges of what dates._FA_WORD_RUN's runs are
 * made of, and is_month_run(run) -> bool. */
static PyObject *set_month_tables(PyObject *self, PyObject *args) {
    PyObject *letters, *function;
    if (!PyArg_ParseTuple(args, "O!O", &PyTuple_Type, &letters, &function)) return NULL;
    if (read_ranges(letters, &run_ranges, &run_count)) return NULL;
    Py_INCREF(function);
    Py_XSETREF(is_month_run, function);
    empty_table();
    Py_RETURN_NONE;
}

/* has_month_run(text) -> bool: whether a run of Persian letters and half-spaces of text is one
 * is_month_run accepts (dates._parts_present's month test), each run looked up in the table. */
static PyObject *has_month_run(PyObject *self, PyObject *text) {
    if (text_argument(text, is_month_run, "set_month_tables")) return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0;
    while (i < n) {
        if (!in_ranges(PyUnicode_READ(kind, data, i), run_ranges, run_count)) {
            i++;
            continue;
        }
        Py_ssize_t start = i;
        while (i < n && in_ranges(PyUnicode_READ(kind, data, i), run_ranges, run_count)) i++;
        Entry *entry = read_word(text, kind, data, start, i, MONTH_RUN);
        if (entry == NULL) return NULL;
        if (entry->counts) Py_RETURN_TRUE;
    }
    Py_RETURN_FALSE;
}

static PyObject *alnum_count(PyObject *self, PyObject *text) {
    if (text_argument(text, NULL, NULL)) return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), count = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, i))) count++;
    }
    return PyLong_FromSsize_t(count);
}

static PyMethodDef methods[] = {
    {"set_tables", set_tables, METH_VARARGS, "The tables of hamsu.check.numerals, given once (see _numerals.c)."},
    {"tokens", tokens, METH_O, "numerals.py's _python_tokens, compiled (see _numerals.c)."},
    {"steps", steps, METH_VARARGS, "numerals.py's _python_steps, compiled (see _numerals.c)."},
    {"alnum_count", alnum_count, METH_O, "omission.content_length, compiled (see _numerals.c)."},
    {"set_content_tables", set_content_tables, METH_VARARGS, "The tables of numerals.number_content (see _numerals.c)."},
    {"content", content, METH_O, "numerals.number_content, compiled (see _numerals.c)."},
    {"set_month_tables", set_month_tables, METH_VARARGS, "The tables of dates._parts_present (see _numerals.c)."},
    {"has_month_run", has_month_run, METH_O, "dates._parts_present's month test, compiled (see _numerals.c)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_numerals", NULL, -1, methods};

PyMODINIT_FUNC PyInit__numerals(void) { return PyModule_Create(&module); }
