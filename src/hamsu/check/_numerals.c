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
 *   (cached) functions, asked of each Persian and English word
 * tokens(text) -> (tuple of tokens, tuple of bools): _python_tokens of a text whose digits are
 *   already ASCII where they were Persian or Arabic-Indic (ascii_digits)
 * alnum_count(text) -> int: how many characters of text are letters or digits (str.isalnum, which
 *   is what the pattern engine's \w is, "_" aside): omission.content_length, the length-ratio
 *   rule's measure of every side, in one loop
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

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

static PyObject *tokens(PyObject *self, PyObject *text) {
    if (token_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "set_tables was not called");
        return NULL;
    }
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "text must be a str");
        return NULL;
    }
    if (PyUnicode_READY(text) < 0) return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *out = PyList_New(0), *may = PyList_New(0);
    if (out == NULL || may == NULL) goto fail;
    Py_ssize_t i = 0;
    for (;;) {
        while (i < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) i++;
        if (i >= n) break; /* only white space left: the pattern matches no more */
        Py_ssize_t start = i;
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        PyObject *token_kind, *token_text, *counts;
        if (Py_UNICODE_ISDECIMAL(ch)) { /* \d+(?:[.,٫٬،/:]\d+)* */
            i++;
            while (i < n && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i))) i++;
            while (i + 1 < n && is_separator(PyUnicode_READ(kind, data, i)) &&
                   Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i + 1))) {
                i += 2;
                while (i < n && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i))) i++;
            }
            token_kind = kind_num;
            counts = Py_True;
        } else if (ch == '.' && i + 1 < n && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i + 1)) &&
                   !(i > 0 && (is_word(PyUnicode_READ(kind, data, i - 1)) || PyUnicode_READ(kind, data, i - 1) == '.'))) {
            i += 2; /* (?<![\w.])\.\d+ */
            while (i < n && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i))) i++;
            token_kind = kind_num;
            counts = Py_True;
        } else if (is_persian(ch)) {
            i++;
            while (i < n && is_persian(PyUnicode_READ(kind, data, i))) i++;
            token_kind = kind_fa;
            counts = NULL; /* asked of fa_token_word below */
        } else if (is_ascii_letter(ch)) {
            i++;
            while (i < n && is_ascii_letter(PyUnicode_READ(kind, data, i))) i++;
            token_kind = kind_en;
            counts = NULL;
        } else {
            i++;
            token_kind = kind_mark;
            counts = ch == '+' ? Py_True : Py_False;
        }
        token_text = PyUnicode_Substring(text, start, i);
        if (token_text == NULL) goto fail;
        int flag;
        if (token_kind == kind_fa) {
            PyObject *read = PyObject_CallOneArg(fa_token_word, token_text);
            Py_DECREF(token_text);
            if (read == NULL) goto fail;
            if (!PyTuple_Check(read) || PyTuple_GET_SIZE(read) != 2) {
                Py_DECREF(read);
                PyErr_SetString(PyExc_TypeError, "fa_token_word must give (read, may_count)");
                goto fail;
            }
            token_text = PyTuple_GET_ITEM(read, 0);
            Py_INCREF(token_text);
            flag = PyObject_IsTrue(PyTuple_GET_ITEM(read, 1));
            Py_DECREF(read);
            if (flag < 0) {
                Py_DECREF(token_text);
                goto fail;
            }
        } else if (token_kind == kind_en) {
            PyObject *answer = PyObject_CallOneArg(en_may_count, token_text);
            if (answer == NULL) {
                Py_DECREF(token_text);
                goto fail;
            }
            flag = PyObject_IsTrue(answer);
            Py_DECREF(answer);
            if (flag < 0) {
                Py_DECREF(token_text);
                goto fail;
            }
        } else {
            flag = counts == Py_True;
        }
        PyObject *token = make_token(token_kind, token_text, start, i);
        if (token == NULL) goto fail;
        int failed = PyList_Append(out, token);
        Py_DECREF(token);
        if (failed || PyList_Append(may, flag ? Py_True : Py_False)) goto fail;
    }
    PyObject *result = Py_BuildValue("(NN)", PyList_AsTuple(out), PyList_AsTuple(may));
    Py_DECREF(out);
    Py_DECREF(may);
    return result;
fail:
    Py_XDECREF(out);
    Py_XDECREF(may);
    return NULL;
}

static PyObject *alnum_count(PyObject *self, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "text must be a str");
        return NULL;
    }
    if (PyUnicode_READY(text) < 0) return NULL;
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
    {"alnum_count", alnum_count, METH_O, "omission.content_length, compiled (see _numerals.c)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_numerals", NULL, -1, methods};

PyMODINIT_FUNC PyInit__numerals(void) { return PyModule_Create(&module); }
