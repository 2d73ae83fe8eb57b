/* The words of a Persian sentence (hamsu.names.persian.words_of), compiled. It gives exactly the
 * words the Python gives (tests/test_names_persian_fast.py, which runs the Python where this file
 * could not be built): the same matches of persian._WORD, the same runs, the same Word tuples.
 *
 * persian.py gives the tables once (set_tables) and this file only runs the loop: which class
 * each character is in comes from the same patterns the Python matches with, and each word's
 * keys come from the same cached function.
 *
 * set_tables(classes, word_keys, word_type)
 *   classes: 65536 bytes, the class of each character of the Basic Multilingual Plane (below); any
 *     other character is of none
 *   word_keys: persian._word_keys, called (text, latin) -> (key, base, stems)
 *   word_type: persian.Word, a tuple subclass of eight fields
 * words(text) -> tuple of Word
 *   A Persian word is a run of FA characters and half-spaces that starts and ends with an FA
 *   character; a Latin word is a run of LATIN characters, also across one JOINER between two of
 *   them. Words of one script with only SPACE or half-spaces between them are of one run.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

enum { NONE = 0, FA = 1, HALF_SPACE = 2, LATIN = 3, JOINER = 4, SPACE = 5 };

static unsigned char classes[65536];
static PyObject *word_keys = NULL;
static PyTypeObject *word_type = NULL;

static PyObject *set_tables(PyObject *self, PyObject *args) {
    Py_buffer table;
    PyObject *keys, *type;
    if (!PyArg_ParseTuple(args, "y*OO", &table, &keys, &type)) return NULL;
    if (table.len != (Py_ssize_t)sizeof(classes)) {
        PyBuffer_Release(&table);
        PyErr_SetString(PyExc_ValueError, "classes: 65536 bytes expected");
        return NULL;
    }
    if (!PyCallable_Check(keys) || !PyType_Check(type) || !PyType_IsSubtype((PyTypeObject *)type, &PyTuple_Type)) {
        PyBuffer_Release(&table);
        PyErr_SetString(PyExc_TypeError, "word_keys must be callable and word_type a tuple subclass");
        return NULL;
    }
    memcpy(classes, table.buf, sizeof(classes));
    PyBuffer_Release(&table);
    Py_INCREF(keys);
    Py_XSETREF(word_keys, keys);
    Py_INCREF(type);
    Py_XSETREF(word_type, (PyTypeObject *)type);
    Py_RETURN_NONE;
}

#define CLASS(i) class_of(PyUnicode_READ(kind, data, (i)))

static inline int class_of(Py_UCS4 c) { return c < 65536 ? classes[c] : NONE; }

/* A Word of eight fields, made as tuple.__new__(Word, fields) makes it. Steals no reference. */
static PyObject *new_word(PyObject *raw, Py_ssize_t start, Py_ssize_t end, PyObject *keys, Py_ssize_t run,
                          int latin) {
    PyObject *word = word_type->tp_alloc(word_type, 8);
    if (word == NULL) return NULL;
    PyObject *fields[8] = {raw, PyLong_FromSsize_t(start), PyLong_FromSsize_t(end), PyTuple_GET_ITEM(keys, 0),
                           PyTuple_GET_ITEM(keys, 1), PyLong_FromSsize_t(run), latin ? Py_True : Py_False,
                           PyTuple_GET_ITEM(keys, 2)};
    int failed = fields[1] == NULL || fields[2] == NULL || fields[5] == NULL;
    for (int k = 0; k < 8; k++) {
        if (k == 1 || k == 2 || k == 5) {
            PyTuple_SET_ITEM(word, k, fields[k]);  /* new references, or NULL (tuples allow it) */
        } else {
            Py_INCREF(fields[k]);
            PyTuple_SET_ITEM(word, k, fields[k]);
        }
    }
    if (failed) {
        Py_DECREF(word);
        return NULL;
    }
    return word;
}

/* A scan's start: text checked to be a str and made ready, its kind, data and length set, and a
 * new empty list for what the scan finds; NULL, with an exception, otherwise. */
static PyObject *scan_start(PyObject *text, int *kind, const void **data, Py_ssize_t *n) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "text must be str");
        return NULL;
    }
    if (PyUnicode_READY(text) < 0) return NULL;
    *kind = PyUnicode_KIND(text);
    *data = PyUnicode_DATA(text);
    *n = PyUnicode_GET_LENGTH(text);
    return PyList_New(0);
}

static PyObject *words(PyObject *self, PyObject *text) {
    if (word_keys == NULL || word_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "set_tables was not called");
        return NULL;
    }
    int kind;
    const void *data;
    Py_ssize_t n;
    PyObject *out = scan_start(text, &kind, &data, &n);
    if (out == NULL) return NULL;
    Py_ssize_t pos = 0, prev_end = -1, run = 0;
    int prev_latin = -1;  /* -1: no word yet */
    while (pos < n) {
        int cls = CLASS(pos);
        Py_ssize_t start = pos, end = pos + 1;
        int latin;
        if (cls == FA) {  /* [FA]+ (?: half-space+ [FA]+ )* */
            latin = 0;
            for (;;) {
                while (end < n && CLASS(end) == FA) end++;
                Py_ssize_t k = end;
                while (k < n && CLASS(k) == HALF_SPACE) k++;
                if (k == end || k >= n || CLASS(k) != FA) break;
                end = k + 1;
            }
        } else if (cls == LATIN) {  /* [LATIN]+ (?: JOINER [LATIN]+ )* */
            latin = 1;
            for (;;) {
                while (end < n && CLASS(end) == LATIN) end++;
                if (end + 1 >= n || CLASS(end) != JOINER || CLASS(end + 1) != LATIN) break;
                end += 2;
            }
        } else {
            pos++;
            continue;
        }
        if (prev_latin >= 0) {
            int joined = prev_latin == latin;
            for (Py_ssize_t k = prev_end; joined && k < start; k++) {
                int gap = CLASS(k);
                joined = gap == SPACE || gap == HALF_SPACE;
            }
            if (!joined) run++;
        }
        PyObject *raw = PyUnicode_Substring(text, start, end);
        if (raw == NULL) goto fail;
        PyObject *keys = PyObject_CallFunctionObjArgs(word_keys, raw, latin ? Py_True : Py_False, NULL);
        if (keys == NULL) {
            Py_DECREF(raw);
            goto fail;
        }
        if (!PyTuple_Check(keys) || PyTuple_GET_SIZE(keys) != 3) {
            Py_DECREF(raw);
            Py_DECREF(keys);
            PyErr_SetString(PyExc_TypeError, "word_keys must give (key, base, stems)");
            goto fail;
        }
        PyObject *word = new_word(raw, start, end, keys, run, latin);
        Py_DECREF(raw);
        Py_DECREF(keys);
        if (word == NULL) goto fail;
        int appended = PyList_Append(out, word);
        Py_DECREF(word);
        if (appended < 0) goto fail;
        prev_end = end;
        prev_latin = latin;
        pos = end;
    }
    PyObject *result = PyList_AsTuple(out);
    Py_DECREF(out);
    return result;
fail:
    Py_DECREF(out);
    return NULL;
}

/* The pieces of an English sentence (hamsu.names.english._pieces before its possessives): the
 * matches of english._PIECE, [^\W\d_]+(?:['’][^\W\d_]+)*, as (text, start, end) tuples in a list.
 * A letter there is what the pattern's class holds: a word character (str.isalnum) that is no
 * decimal digit and no underscore (which isalnum never holds); the same to the character
 * (tests/test_s6_linker_pieces.py holds the two equal on any text). */
static inline int piece_letter(Py_UCS4 c) { return Py_UNICODE_ISALNUM(c) && !Py_UNICODE_ISDECIMAL(c); }

static PyObject *pieces(PyObject *self, PyObject *text) {
    int kind;
    const void *data;
    Py_ssize_t n;
    PyObject *out = scan_start(text, &kind, &data, &n);
    if (out == NULL) return NULL;
    Py_ssize_t pos = 0;
    while (pos < n) {
        if (!piece_letter(PyUnicode_READ(kind, data, pos))) {
            pos++;
            continue;
        }
        Py_ssize_t start = pos, end = pos + 1;
        for (;;) {
            while (end < n && piece_letter(PyUnicode_READ(kind, data, end))) end++;
            if (end + 1 >= n) break;
            Py_UCS4 c = PyUnicode_READ(kind, data, end);
            if ((c != '\'' && c != 0x2019) || !piece_letter(PyUnicode_READ(kind, data, end + 1))) break;
            end += 2;
        }
        PyObject *piece = PyTuple_New(3);
        if (piece == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(piece, 0, PyUnicode_Substring(text, start, end));  /* (NULL on failure: tuples allow it) */
        PyTuple_SET_ITEM(piece, 1, PyLong_FromSsize_t(start));
        PyTuple_SET_ITEM(piece, 2, PyLong_FromSsize_t(end));
        int failed = PyTuple_GET_ITEM(piece, 0) == NULL || PyTuple_GET_ITEM(piece, 1) == NULL
                     || PyTuple_GET_ITEM(piece, 2) == NULL || PyList_Append(out, piece) < 0;
        Py_DECREF(piece);
        if (failed) {
            Py_DECREF(out);
            return NULL;
        }
        pos = end;
    }
    return out;
}

static PyMethodDef methods[] = {
    {"set_tables", set_tables, METH_VARARGS, "The classes and functions of hamsu.names.persian (see _faspans.c)."},
    {"words", words, METH_O, "persian.words_of, compiled (see _faspans.c)."},
    {"pieces", pieces, METH_O, "The matches of english._PIECE as (text, start, end), compiled (see _faspans.c)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_faspans", NULL, -1, methods};

PyMODINIT_FUNC PyInit__faspans(void) { return PyModule_Create(&module); }
