/* test-codec.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-codec.h"
#include "nawat-codec-private.h"
#include "nawat-evaluation-text-private.h"
#include "nawat-evaluation.h"

#include <math.h>
#include <string.h>

static const char project_json[] =
  "{\"_id\": \"project:c1:017\", \"_rev\": \"3-abc\", \"type\": \"project\", \"schema\": 1,"
  " \"call\": \"c1\", \"code\": \"017\","
  " \"title\": {\"th\": \"การอนุรักษ์ป่าชุมชน\", \"en\": \"Community forest conservation\"},"
  " \"summary\": {\"th\": \"สรุป\"},"
  " \"organisation\": \"วิสาหกิจชุมชนบ้านแม่กำปอง\", \"province\": \"TH-50\","
  " \"reach\": \"community\", \"domains\": [\"environment\", \"tourism-culture\"],"
  " \"partners\": [{\"name\": \"มหาวิทยาลัยเชียงใหม่\", \"sector\": \"academia\"}],"
  " \"budget_thb\": 1500000, \"duration_months\": 18,"
  " \"submitted\": \"2026-03-01T09:00:00Z\", \"assigned\": [\"somchai\", \"malee\"],"
  " \"x-future\": {\"nested\": [1, 2, {\"a\": null}]}, \"note\": \"kept\"}";

static const char evaluation_json[] =
  "{\"_id\": \"evaluation:c1:017:somchai\", \"type\": \"evaluation\", \"schema\": 1,"
  " \"project\": \"project:c1:017\", \"evaluator\": \"somchai\","
  " \"rubric\": \"rubric:default:1\","
  " \"scores\": {\"merit.innovation\": 4, \"domains.environment\": 3, \"helix.academia\": null},"
  " \"comments\": {\"merit.innovation\": \"ใหม่จริง\"},"
  " \"overall_comment\": \"ดี\", \"recommendation\": \"fund\","
  " \"conflict_of_interest\": {\"declared\": false, \"note\": \"\"},"
  " \"status\": \"draft\", \"updated\": \"2026-11-01T10:00:00Z\", \"x-client\": 7}";

static const char call_json[] =
  "{\"_id\": \"call:c1\", \"type\": \"call\", \"schema\": 1,"
  " \"title\": {\"th\": \"ทุนนวัตกรรมเพื่อสังคม\", \"en\": \"Social innovation grants\"},"
  " \"year_be\": 2569, \"rubric\": \"rubric:default:1\", \"theme\": \"networks-impact\","
  " \"deadline\": \"2026-12-31T17:00:00Z\", \"evaluators\": [\"somchai\", \"malee\"]}";

static NawatDocument *
parse_ok (const char *json)
{
  g_autoptr(GError) error = NULL;
  NawatDocument *document;

  document = nawat_codec_from_data (json, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static void
assert_round_trip (const char *json)
{
  g_autoptr(NawatDocument) first = parse_ok (json);
  g_autofree char *data1 = nawat_codec_to_data (first, NULL);
  g_autoptr(NawatDocument) second = parse_ok (data1);
  g_autofree char *data2 = nawat_codec_to_data (second, NULL);
  g_autoptr(JsonNode) original = json_from_string (json, NULL);
  g_autoptr(JsonNode) written = json_from_string (data1, NULL);
  JsonObject *o = json_node_get_object (original);
  JsonObject *w = json_node_get_object (written);
  g_autoptr(GList) members = json_object_get_members (o);

  g_assert_cmpstr (data1, ==, data2);

  /* Every member of the original, known or not, comes back equal, except
   * nulls, which mean "absent".
   */
  for (GList *l = members; l; l = l->next)
    {
      JsonNode *a = json_object_get_member (o, l->data);
      JsonNode *b = json_object_get_member (w, l->data);

      if (g_str_equal (l->data, "scores"))
        continue;
      g_assert_nonnull (b);
      if (!json_node_equal (a, b))
        g_error ("member %s differs after a round trip", (char *) l->data);
    }
}

static void
test_round_trip (void)
{
  assert_round_trip (project_json);
  assert_round_trip (evaluation_json);
  assert_round_trip (call_json);
}

static void
test_unknown_fields (void)
{
  g_autoptr(NawatDocument) document = parse_ok (project_json);
  JsonObject *extra = nawat_document_get_extra (document);

  g_assert_nonnull (extra);
  g_assert_cmpuint (json_object_get_size (extra), ==, 2);
  g_assert_true (json_object_has_member (extra, "x-future"));
  g_assert_cmpstr (json_object_get_string_member (extra, "note"), ==, "kept");
  g_assert_cmpstr (nawat_document_get_rev (document), ==, "3-abc");
}

static void
test_fields (void)
{
  g_autoptr(NawatDocument) document = parse_ok (project_json);
  NawatProject *project = NAWAT_PROJECT (document);
  g_autoptr(NawatDocument) edoc = parse_ok (evaluation_json);
  NawatEvaluation *evaluation = NAWAT_EVALUATION (edoc);
  double value = 0;

  g_assert_cmpstr (nawat_project_get_code (project), ==, "017");
  g_assert_cmpstr (nawat_project_get_title (project)->th, ==, "การอนุรักษ์ป่าชุมชน");
  g_assert_null (nawat_project_get_summary (project)->en);
  g_assert_cmpint (nawat_project_get_budget_thb (project), ==, 1500000);
  g_assert_cmpstr (nawat_project_get_domains (project)[1], ==, "tourism-culture");
  g_assert_cmpuint (nawat_project_get_partners (project)->len, ==, 1);

  g_assert_true (nawat_evaluation_get_score (evaluation, "merit.innovation", &value));
  g_assert_cmpfloat (value, ==, 4);
  g_assert_false (nawat_evaluation_get_score (evaluation, "helix.academia", NULL));
  g_assert_cmpint (nawat_evaluation_get_recommendation (evaluation), ==, NAWAT_RECOMMENDATION_FUND);
  g_assert_cmpstr (nawat_evaluation_get_comment (evaluation, "merit.innovation"), ==, "ใหม่จริง");
}

/* Replaces the first occurrence of @from in @json by @to. */
static char *
edit (const char *json,
      const char *from,
      const char *to)
{
  const char *at = strstr (json, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - json), json, to, at + strlen (from));
}

static void
assert_invalid (const char *json,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatDocument) document = NULL;

  document = nawat_codec_from_data (json, -1, &error);
  g_assert_null (document);
  g_assert_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_INVALID);
  if (strstr (error->message, message) == NULL)
    g_error ("expected “%s” in “%s”", message, error->message);
}

/* A call's yearly theme is one of the known keys, or absent. */
static void
test_call_theme (void)
{
  g_autoptr(NawatDocument) cdoc = parse_ok (call_json);
  g_autofree char *without = edit (call_json, " \"theme\": \"networks-impact\",", "");
  g_autoptr(NawatDocument) bare = parse_ok (without);

  g_assert_cmpstr (nawat_call_get_theme (NAWAT_CALL (cdoc)), ==, "networks-impact");
  g_assert_null (nawat_call_get_theme (NAWAT_CALL (bare)));
}

static void
test_invalid_documents (void)
{
  static const struct { const char *from, *to, *message; } cases[] = {
    { "\"TH-50\"", "\"TH-99\"", "project:c1:017: province: “TH-99” is not a Thai province code" },
    { "\"title\": {\"th\"", "\"title\": 5, \"x\": {\"th\"",
      "project:c1:017: title: expected an object" },
    { "\"organisation\": \"วิสาหกิจชุมชนบ้านแม่กำปอง\",", "",
      "project:c1:017: organisation: the field is missing" },
    { "\"budget_thb\": 1500000", "\"budget_thb\": \"1500000\"",
      "project:c1:017: budget_thb: expected a number, not a string" },
    { "\"budget_thb\": 1500000", "\"budget_thb\": -5", "budget_thb: -5 is below the minimum 0" },
    { "\"duration_months\": 18", "\"duration_months\": 1.5",
      "duration_months: 1.5 is not a whole number" },
    { "\"tourism-culture\"]", "\"environment\"]", "domains[1]: “environment” is listed twice" },
    { "\"tourism-culture\"]", "\"astrology\"]",
      "domains[1]: “astrology” is not one of the nine domains" },
    { "\"academia\"}", "\"church\"}",
      "partners[0].sector: “church” is not a Quintuple Helix sector" },
    { "\"schema\": 1", "\"schema\": 2", "schema: schema 2 is newer" },
    { "\"code\": \"017\"", "\"code\": \"018\"", "code: “018” does not match the id" },
    { "\"type\": \"project\"", "\"type\": \"evaluation\"",
      "_id: the id of a evaluation document starts with" },
    { "\"submitted\": \"2026-03-01T09:00:00Z\"", "\"submitted\": \"yesterday\"",
      "submitted: “yesterday” is not an ISO 8601 date" },
    { "\"reach\": \"community\"", "\"reach\": \"galactic\"",
      "reach: “galactic” is not a reach level" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = edit (project_json, cases[i].from, cases[i].to);
      assert_invalid (json, cases[i].message);
    }

  {
    g_autofree char *json = edit (call_json, "\"networks-impact\"", "\"prosperity\"");
    assert_invalid (json, "call:c1: theme: “prosperity” is not a yearly theme");
  }
  {
    g_autofree char *json = edit (call_json, "\"networks-impact\"", "2566");
    assert_invalid (json, "call:c1: theme: expected a string");
  }
  /* A member's path in a message, nested, and as long as a user name
   * allows.
   */
  {
    g_autofree char *json = edit (project_json, "\"title\": {\"th\"", "\"title\": {\"th\": 5, \"x\"");
    assert_invalid (json, "project:c1:017: title.th: expected a string, not a number");
  }
  {
    g_autofree char *name = g_strnfill (64, 'n');
    g_autofree char *to = g_strdup_printf ("\"theme\": \"networks-impact\", \"evaluator_profiles\": "
                                           "{\"%s\": {\"max_load\": \"many\"}}", name);
    g_autofree char *json = edit (call_json, "\"theme\": \"networks-impact\"", to);
    g_autofree char *message = g_strdup_printf ("call:c1: evaluator_profiles.%s.max_load: "
                                                "expected a number, not a string", name);

    assert_invalid (json, message);
  }
  {
    g_autofree char *json = edit (evaluation_json, "\"status\": \"draft\"", "\"status\": \"done\"");
    assert_invalid (json, "evaluation:c1:017:somchai: status: “done” is neither");
  }
  {
    g_autofree char *json = edit (evaluation_json, "\"merit.innovation\": 4", "\"merit.innovation\": \"4\"");
    assert_invalid (json, "scores.merit.innovation: expected a number or null, not a string");
  }
  {
    g_autofree char *json = edit (evaluation_json, "\"evaluator\": \"somchai\"", "\"evaluator\": \"malee\"");
    assert_invalid (json, "_id: the id should be “evaluation:c1:017:malee”");
  }
}

static void
test_huge_field (void)
{
  gsize size = 10 * 1024 * 1024;
  g_autofree char *title = g_malloc (size + 1);
  g_autofree char *member = NULL;
  g_autofree char *json = NULL;

  memset (title, 'a', size);
  title[size] = '\0';
  member = g_strdup_printf ("\"th\": \"%s\"", title);
  json = edit (project_json, "\"th\": \"การอนุรักษ์ป่าชุมชน\"", member);
  assert_invalid (json, "project:c1:017: title.th: the text is 10485760 bytes long, over the limit of 4096");
}

static void
test_scores_against_rubric (void)
{
  NawatRubric *rubric = nawat_rubric_get_default ();
  static const struct { const char *from, *to, *message; } cases[] = {
    { "\"merit.innovation\": 4", "\"merit.innovation\": 7",
      "evaluation:c1:017:somchai: scores.merit.innovation: 7 is above the maximum 5" },
    { "\"merit.innovation\": 4", "\"merit.innovation\": 0",
      "scores.merit.innovation: 0 is below the minimum 1" },
    { "\"merit.innovation\": 4", "\"merit.luck\": 4",
      "scores.merit.luck: unknown criterion “merit.luck”" },
    { "\"status\": \"draft\"", "\"status\": \"submitted\"",
      "status: submitted, but 2 of 19 required criteria have a score" },
    { "{\"merit.innovation\": \"ใหม่จริง\"}", "{\"merit.novelty\": \"x\"}",
      "comments.merit.novelty: unknown criterion" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = edit (evaluation_json, cases[i].from, cases[i].to);
      g_autoptr(NawatDocument) document = parse_ok (json);
      g_autoptr(GError) error = NULL;

      g_assert_false (nawat_codec_check_evaluation (NAWAT_EVALUATION (document), rubric, &error));
      g_assert_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("expected “%s” in “%s”", cases[i].message, error->message);
    }

  {
    g_autoptr(NawatDocument) document = parse_ok (evaluation_json);
    g_autoptr(GError) error = NULL;

    g_assert_true (nawat_codec_check_evaluation (NAWAT_EVALUATION (document), rubric, &error));
    g_assert_no_error (error);
  }
}

static void
test_malformed (void)
{
  static const char *cases[] = {
    "",
    "{",
    "{\"_id\": \"call:c1\",}",
    "[1, 2",
    "nul",
    "\"just a string",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatDocument) document = NULL;
  g_autofree char *deep = NULL;
  GString *s;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      document = nawat_codec_from_data (cases[i], -1, &error);
      g_assert_null (document);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }

  /* Invalid UTF-8 inside a title. */
  {
    g_autofree char *json = edit (project_json, "การอนุรักษ์ป่าชุมชน", "bad \xC3\x28 text");

    document = nawat_codec_from_data (json, -1, &error);
    g_assert_null (document);
    g_assert_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_MALFORMED);
    g_assert_nonnull (strstr (error->message, "UTF-8"));
    g_clear_error (&error);
  }

  /* Deep nesting is refused before the parser recurses. */
  s = g_string_new (NULL);
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, ']');
  deep = g_string_free (s, FALSE);
  document = nawat_codec_from_data (deep, -1, &error);
  g_assert_null (document);
  g_assert_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_MALFORMED);
  g_clear_error (&error);

  /* Not an object. */
  document = nawat_codec_from_data ("[1]", -1, &error);
  g_assert_null (document);
  g_assert_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_INVALID);
}

static gboolean
count_cb (guint      index,
          gsize      offset,
          JsonNode  *node,
          gpointer   user_data,
          GError   **error)
{
  guint *count = user_data;

  g_assert_cmpuint (index, ==, *count);
  g_assert_nonnull (node);
  (*count)++;
  return TRUE;
}

static void
test_foreach (void)
{
  static const struct { const char *json; int count; } cases[] = {
    { "[]", 0 },
    { " [ {\"a\": 1} , {\"b\": [1, {\"c\": \"]}\"}]} ] ", 2 },
    { "{\"new_edits\": false, \"docs\": [{\"a\": \"x\\\"y\"}, 3], \"other\": {\"docs\": 1}}", 2 },
    { "\xEF\xBB\xBF[{}]", 1 },
    { "{\"docs\": []}", 0 },
    { "{\"documents\": []}", -1 },
    { "[{}] trailing", -1 },
    { "[{}, ]", -1 },
    { "[{} {}]", -1 },
    { "{\"docs\": {}}", -1 },
    { "[{\"a\": 1]", -1 },
    { "42", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint count = 0;
      gboolean ok;

      ok = nawat_codec_foreach_document (cases[i].json, strlen (cases[i].json),
                                         count_cb, &count, &error);
      if (cases[i].count < 0)
        {
          if (ok)
            g_error ("case %u should fail", i);
          g_assert_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_MALFORMED);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (count, ==, cases[i].count);
        }
    }
}

/* What json-glib would let through, and what no document may hold: each
 * refused with the document, the member and the byte offset.
 */
static void
test_strict (void)
{
  static const struct {
    const char *from;
    const char *to;
    const char *message;
  } refused[] = {
    { "\"note\": \"kept\"", "\"note\": \"a\\u0000b\"",
      "project:c1:017: note: at byte 723: a text may not contain the NUL" },
    { "\"note\": \"kept\"", "\"note\": \"\\ud800\"",
      "note: at byte 722: an unpaired surrogate (\\ud800)" },
    { "\"note\": \"kept\"", "\"note\": \"\\udfff\\ud800\"", "an unpaired surrogate (\\udfff)" },
    { "\"note\": \"kept\"", "\"note\": \"\\ud800x\"", "an unpaired surrogate (\\ud800)" },
    { "\"note\": \"kept\"", "\"note\": \"a\tb\"",
      "note: at byte 723: the control character U+0009" },
    { "\"note\": \"kept\"", "\"note\": \"\\x41\"",
      "note: at byte 722: an invalid escape sequence" },
    { "\"note\": \"kept\"", "\"note\": \"\xED\xA0\x80\"",
      "note: at byte 722: byte 0xED is not valid UTF-8" },
    { "\"note\": \"kept\"", "\"note\": \"\xC0\xAF\"", "byte 0xC0 is not valid UTF-8" },
    { "\"note\": \"kept\"", "\"note\": -18446744073709551613",
      "note: at byte 721: the integer -18446744073709551613 is outside" },
    { "\"note\": \"kept\"", "\"note\": 9007199254740993",
      "the integer 9007199254740993 is outside" },
    { "\"note\": \"kept\"", "\"note\": 1e400", "note: at byte 721: the number 1e400 is too large" },
    { "\"note\": \"kept\"", "\"note\": -1.5e309", "the number -1.5e309 is too large" },
    { "\"note\": \"kept\"", "\"note\": 0x3", "note: at byte 721: “0x3” is not a JSON number" },
    { "\"note\": \"kept\"", "\"note\": 03", "“03” is not a JSON number" },
    { "\"note\": \"kept\"", "\"note\": 1.", "“1.” is not a JSON number" },
    { "\"note\": \"kept\"", "\"note\": .5", "unexpected character “.”" },
    { "\"note\": \"kept\"", "\"note\": +1", "unexpected character “+”" },
    { "\"note\": \"kept\"", "\"note\": NaN", "unexpected character “N”" },
    { "\"note\": \"kept\"", "\"note\": Infinity", "unexpected character “I”" },
    { "\"note\": \"kept\"", "\"note\": True", "unexpected character “T”" },
    { "\"note\": \"kept\"", "\"note\": nulls", "“nulls” is not a JSON value" },
    { "\"note\": \"kept\"", "\"note\": 'kept'", "unexpected character “'”" },
    { "\"note\": \"kept\"", "\"note\": \"kept\",",
      "project:c1:017: at byte 728: expected a member name" },
    { "\"note\": \"kept\"", "\"note\": [1, 2,]", "note[2]: at byte 727: unexpected character “]”" },
    { "\"note\": \"kept\"", "\"note\": \"kept\" // c",
      "project:c1:017: at byte 728: expected “,” or “}”" },
    { "\"note\": \"kept\"", "\"note\": \"kept\", \"note\": 1",
      "project:c1:017: note: at byte 729: the member is given twice" },
    { "\"note\": \"kept\"", "\"note\": \"kept\", \"\\u006eote\": 1", "the member is given twice" },
    { "\"nested\": [1, 2, {\"a\": null}]", "\"nested\": {\"a\": 1, \"b\": 2, \"a\": 3}",
      "x-future.nested.a: at byte 708: the member is given twice" },
  };
  static const char *accepted[] = {
    "\"note\": \"\\ud83d\\ude00 \\u00e9 \\\" \\\\ \\/ \\b\\f\\n\\r\\t\"",
    "\"note\": [-0, 0.5, -1.5e-3, 1E+2, 9007199254740992, -9007199254740992, 1e-400]",
    "\"note\": {\"a\": true, \"A\": false, \"\\u0061b\": null, \"ab\\u0000\": 1}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *json = edit (project_json, refused[i].from, refused[i].to);
      g_autoptr(GError) error = NULL;
      g_autoptr(NawatDocument) document = nawat_codec_from_data (json, -1, &error);

      g_assert_null (document);
      g_assert_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_MALFORMED);
      if (strstr (error->message, refused[i].message) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, refused[i].message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autofree char *json = edit (project_json, "\"note\": \"kept\"", accepted[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(NawatDocument) document = nawat_codec_from_data (json, -1, &error);

      /* The last has "ab\u0000" as a name: refused for its NUL, not as a twin. */
      if (i == G_N_ELEMENTS (accepted) - 1)
        {
          g_assert_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_MALFORMED);
          g_assert_nonnull (strstr (error->message, "NUL"));
          continue;
        }
      g_assert_no_error (error);
      assert_round_trip (json);
    }

  /* A large object, past the linear search for twins. */
  {
    g_autoptr(GString) big = g_string_new ("\"note\": {");
    g_autoptr(GError) error = NULL;
    g_autoptr(NawatDocument) document = NULL;
    g_autofree char *json = NULL;

    for (guint i = 0; i < 200; i++)
      g_string_append_printf (big, "\"k%u\": %u, ", i, i);
    g_string_append (big, "\"k1\\u0037\": 0}");
    json = edit (project_json, "\"note\": \"kept\"", big->str);
    document = nawat_codec_from_data (json, -1, &error);
    g_assert_null (document);
    g_assert_nonnull (strstr (error->message, "note.k1\\u0037: at byte"));
    g_assert_nonnull (strstr (error->message, "the member is given twice"));
  }
}

/* Members CouchDB reserves, and scores with a fraction, however small. */
static void
test_reserved_and_fractions (void)
{
  static const struct {
    const char *from;
    const char *to;
    const char *message;
  } cases[] = {
    { "\"note\": \"kept\"", "\"_deleted\": true", "project:c1:017: _deleted: a deleted document" },
    { "\"note\": \"kept\"", "\"_local_seq\": 1", "project:c1:017: _local_seq: unknown member" },
    { "\"budget_thb\": 1500000", "\"budget_thb\": 1500000.5",
      "budget_thb: 1500000.5 is not a whole number" },
  };
  g_autofree char *kept = edit (project_json, "\"note\": \"kept\"",
                                "\"_attachments\": {\"a.pdf\": {\"content_type\": "
                                "\"application/pdf\", \"revpos\": 2, \"digest\": "
                                "\"md5-1B2M2Y8AsgTpgAmY7PhCfg==\", \"length\": 0, "
                                "\"stub\": true}}");
  g_autofree char *fraction = edit (evaluation_json, "\"merit.innovation\": 4",
                                    "\"merit.innovation\": 3.0000000001");
  g_autoptr(NawatDocument) evaluation = parse_ok (fraction);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = edit (project_json, cases[i].from, cases[i].to);
      g_autoptr(NawatDocument) document = nawat_codec_from_data (json, -1, &error);

      g_assert_null (document);
      g_assert_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].message);
      g_clear_error (&error);
    }

  /* _attachments is CouchDB's own, and kept. */
  assert_round_trip (kept);

  g_assert_false (nawat_codec_check_evaluation (NAWAT_EVALUATION (evaluation),
                                                nawat_rubric_get_default (), &error));
  g_assert_nonnull (strstr (error->message, "3.0000000001 is not a whole number"));
}

#define STUB(name, rest) \
  "\"_attachments\": {\"" name "\": {\"content_type\": \"application/pdf\", " \
  "\"digest\": \"md5-1B2M2Y8AsgTpgAmY7PhCfg==\", \"length\": 0" rest "}}"

/* A project's files are CouchDB stubs: typed, checked and written back
 * with the members this version does not read.
 */
static void
test_attachments (void)
{
  static const struct {
    const char *to;
    const char *message;
  } cases[] = {
    { STUB ("a/b.pdf", ""), "_attachments: the name “a/b.pdf” holds a path separator" },
    { STUB ("a\\\\b.pdf", ""), "holds a path separator" },
    { STUB ("..", ""), "_attachments: “..” is not a file’s name" },
    { STUB ("_design.pdf", ""), "starts with “_”, which CouchDB reserves" },
    { STUB ("", ""), "_attachments: a file’s name is empty" },
    { STUB ("tab\\there.pdf", ""), "a file’s name holds a control character" },
    { STUB ("a.pdf", ", \"stub\": false"), "_attachments.a.pdf: a file is described by a stub" },
    { STUB ("a.pdf", ", \"data\": \"JVBERg==\""), "_attachments.a.pdf: the file’s contents are "
      "not kept in the document" },
    { "\"_attachments\": {\"a.pdf\": {\"content_type\": \"application/pdf\", \"length\": 3}}",
      "_attachments.a.pdf.digest: the field is missing" },
    { "\"_attachments\": {\"a.pdf\": {\"content_type\": \"application/pdf\", \"length\": 3, "
      "\"digest\": \"sha-1B2M2Y8AsgTpgAmY7PhCfg==\"}}", "is not a digest “md5-”" },
    { "\"_attachments\": {\"a.pdf\": {\"content_type\": \"application/pdf\", \"length\": 3, "
      "\"digest\": \"md5-1B2M2Y8AsgTpgAmY7PhC==\"}}", "is not a digest “md5-”" },
    { "\"_attachments\": {\"a.pdf\": {\"content_type\": \"application/pdf\", \"length\": -1, "
      "\"digest\": \"md5-1B2M2Y8AsgTpgAmY7PhCfg==\"}}", "length: -1 is below the minimum 0" },
    { "\"_attachments\": {\"a.pdf\": {\"content_type\": \"application/pdf\", \"length\": 1.5, "
      "\"digest\": \"md5-1B2M2Y8AsgTpgAmY7PhCfg==\"}}", "length: 1.5 is not a whole number" },
    { "\"_attachments\": {\"a.pdf\": {\"content_type\": \"pdf\", \"length\": 1, "
      "\"digest\": \"md5-1B2M2Y8AsgTpgAmY7PhCfg==\"}}", "“pdf” is not a content type" },
    { "\"_attachments\": {\"a.pdf\": \"stub\"}", "_attachments.a.pdf: expected an object" },
    { "\"_attachments\": [1]", "_attachments: expected an object" },
  };
  g_autofree char *name = g_strnfill (NAWAT_ATTACHMENT_MAX_NAME / 3 + 1, 'x');
  g_autofree char *thai = edit (project_json, "\"note\": \"kept\"",
                                "\"_attachments\": {\"ข้อเสนอ ฉบับเต็ม.pdf\": {\"content_type\": "
                                "\"application/pdf\", \"revpos\": 2, \"digest\": "
                                "\"md5-XrY7u+Ae7tCTyyK7j1rNww==\", \"length\": 11, "
                                "\"stub\": true}, \"photo.png\": {\"content_type\": "
                                "\"image/png\", \"digest\": \"md5-1B2M2Y8AsgTpgAmY7PhCfg==\", "
                                "\"length\": 0, \"stub\": true}}");
  g_autoptr(NawatDocument) document = parse_ok (thai);
  GPtrArray *attachments = nawat_project_get_attachments (NAWAT_PROJECT (document));
  const NawatAttachment *pdf;
  g_autoptr(NawatAttachment) replaced = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_name = g_string_new (NULL);
  static const guint8 empty_md5[16] = {
    0xd4, 0x1d, 0x8c, 0xd9, 0x8f, 0x00, 0xb2, 0x04, 0xe9, 0x80, 0x09, 0x98, 0xec, 0xf8, 0x42, 0x7e
  };
  g_autofree char *digest = nawat_attachment_format_digest (empty_md5);

  g_assert_cmpstr (digest, ==, "md5-1B2M2Y8AsgTpgAmY7PhCfg==");

  /* Typed, in the document's order, and not among the unknown members. */
  g_assert_cmpuint (attachments->len, ==, 2);
  pdf = g_ptr_array_index (attachments, 0);
  g_assert_cmpstr (pdf->name, ==, "ข้อเสนอ ฉบับเต็ม.pdf");
  g_assert_cmpstr (pdf->content_type, ==, "application/pdf");
  g_assert_cmpint (pdf->length, ==, 11);
  g_assert_cmpstr (pdf->digest, ==, "md5-XrY7u+Ae7tCTyyK7j1rNww==");
  g_assert_true (pdf->extra != NULL && json_object_has_member (pdf->extra, "revpos"));
  g_assert_false (json_object_has_member (nawat_document_get_extra (document), "_attachments"));
  assert_round_trip (thai);

  /* Replaced by name, removed by name. */
  replaced = nawat_attachment_new ("photo.png", "image/jpeg", 5, "md5-XrY7u+Ae7tCTyyK7j1rNww==");
  nawat_project_set_attachment (NAWAT_PROJECT (document), replaced);
  g_assert_cmpuint (attachments->len, ==, 2);
  g_assert_true (nawat_attachment_equal (nawat_project_get_attachment (NAWAT_PROJECT (document),
                                                                        "photo.png"), replaced));
  g_assert_true (nawat_project_remove_attachment (NAWAT_PROJECT (document), "photo.png"));
  g_assert_false (nawat_project_remove_attachment (NAWAT_PROJECT (document), "photo.png"));
  g_assert_cmpuint (attachments->len, ==, 1);
  g_assert_true (nawat_codec_check_document (document, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = edit (project_json, "\"note\": \"kept\"", cases[i].to);
      g_autoptr(NawatDocument) refused = nawat_codec_from_data (json, -1, &error);

      g_assert_null (refused);
      g_assert_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].message);
      g_clear_error (&error);
    }

  /* A name of 255 bytes is taken, one of 256 is not (Thai: 3 bytes a letter). */
  for (guint i = 0; i < NAWAT_ATTACHMENT_MAX_NAME / 3; i++)
    g_string_append (long_name, "ก");
  g_assert_true (nawat_attachment_check_name (long_name->str, &error));
  g_assert_no_error (error);
  g_string_append_c (long_name, 'x');
  g_assert_false (nawat_attachment_check_name (long_name->str, &error));
  g_assert_error (error, NAWAT_ATTACHMENT_ERROR, NAWAT_ATTACHMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "over the limit of 255"));
  g_clear_error (&error);
  g_assert_true (nawat_attachment_check_name (name, &error));
  g_assert_no_error (error);
  g_assert_false (nawat_attachment_check_name ("bad\xff.pdf", &error));
  g_assert_error (error, NAWAT_ATTACHMENT_ERROR, NAWAT_ATTACHMENT_ERROR_INVALID);
}

/* Every number JSON allows comes back from an unknown member as the same
 * number, in text a strict reader (CouchDB's, ours) takes: json-glib's own
 * writer turns 1e-10 into "1e-10.0".
 */
/* The tree of a checked text reads no further than its length, even
 * where a number runs on in the memory after it.
 */
static void
test_build_checked_bounds (void)
{
  const char *data = "[-42, 1.5]9999";
  g_autoptr(JsonNode) integer = _nawat_codec_build_checked ("-42999", 3);
  g_autoptr(JsonNode) fraction = _nawat_codec_build_checked ("1.5999", 3);
  g_autoptr(JsonNode) array = NULL;

  g_assert_cmpint (json_node_get_value_type (integer), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (integer), ==, -42);
  g_assert_cmpint (json_node_get_value_type (fraction), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (fraction), ==, 1.5);

  g_assert_true (nawat_codec_check_text (data, 10, NULL));
  array = _nawat_codec_build_checked (data, 10);
  g_assert_cmpint (json_array_get_int_element (json_node_get_array (array), 0), ==, -42);
  g_assert_cmpfloat (json_array_get_double_element (json_node_get_array (array), 1), ==, 1.5);
  g_assert_true (json_node_is_immutable (array));
}

/* A text read once: the tree json-glib's immutable parser builds, or the
 * strict reading's error and no tree.
 */
static void
test_parse_text (void)
{
  const char *good = "{\"results\": [{\"id\": \"p1\", \"doc\": {\"n\": 9007199254740992,"
                     " \"x\": -1.25e3, \"s\": \"\\u0e01\\n\", \"l\": [true, null, {}]}}],"
                     " \"last_seq\": \"7-g\"}";
  const char * const bad[] = {
    "{\"a\": 1, \"a\": 2}",          /* json-glib keeps the last */
    "[\"\\u0000\"]",                   /* a NUL would cut the string */
    "[9007199254740993]",
    "{\"a\": 1} x",
    "",
  };
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonNode) tree = NULL;

  tree = nawat_codec_parse_text (good, strlen (good), NULL);
  g_assert_nonnull (tree);
  g_assert_true (json_node_is_immutable (tree));
  g_assert_true (json_parser_load_from_data (parser, good, -1, NULL));
  g_assert_true (json_node_equal (tree, json_parser_get_root (parser)));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) check_error = NULL;
      g_autoptr(JsonNode) none = nawat_codec_parse_text (bad[i], strlen (bad[i]), &error);

      g_assert_null (none);
      g_assert_false (nawat_codec_check_text (bad[i], strlen (bad[i]), &check_error));
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, check_error->message);
    }
}

static void
test_number_forms (void)
{
  g_autofree char *json = edit (project_json, "\"note\": \"kept\"",
                                "\"note\": {\"small\": 1e-10, \"large\": 1E+20, \"tiny\": -2.5e-300, \"negzero\": -0.0,"
                                " \"whole\": 3.0, \"max\": 1.7976931348623157e308, \"list\": [0.1, -0, 5e-324]}");
  g_autoptr(NawatDocument) document = parse_ok (json);
  g_autofree char *data = nawat_codec_to_data (document, NULL);
  g_autoptr(NawatDocument) back = parse_ok (data);
  JsonNode *note = json_object_get_member (nawat_document_get_extra (back), "note");
  JsonObject *o = json_node_get_object (note);

  g_assert_null (strstr (data, "e-10.0"));
  g_assert_cmpfloat (json_object_get_double_member (o, "small"), ==, 1e-10);
  g_assert_cmpfloat (json_object_get_double_member (o, "large"), ==, 1e20);
  g_assert_cmpfloat (json_object_get_double_member (o, "tiny"), ==, -2.5e-300);
  g_assert_cmpfloat (json_object_get_double_member (o, "max"), ==, 1.7976931348623157e308);
  g_assert_cmpfloat (json_array_get_double_element (json_object_get_array_member (o, "list"), 2), ==, 5e-324);
  assert_round_trip (json);
}

/* A node json-glib built from lenient text, as sync gets them: an unknown
 * member that could not be written back is refused.
 */
static void
test_node_extra (void)
{
  static const struct {
    const char *to;
    const char *message;
  } cases[] = {
    { "\"note\": [\"a\\ud800 b\"]", "project:c1:017: note[0]: the text is not valid UTF-8" },
    { "\"note\": {\"a\": 1e400}", "project:c1:017: note.a: the number is not finite" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = edit (project_json, "\"note\": \"kept\"", cases[i].to);
      g_autoptr(JsonNode) node = json_from_string (json, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(NawatDocument) document = NULL;

      g_assert_nonnull (node);
      document = nawat_codec_from_node (node, &error);
      g_assert_null (document);
      g_assert_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* The same _id twice in one batch: the last one does not win silently. */
static void
test_batch_duplicate_id (void)
{
  g_autofree char *second = edit (call_json, "Social innovation grants", "Another title");
  g_autofree char *batch = g_strdup_printf ("[%s,\n%s]", call_json, second);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("call:c1: _id: at byte %u: the document is given "
                                               "twice in the file (first at byte 1)",
                                               (guint) strlen (call_json) + 3);

  g_assert_false (nawat_codec_parse_batch (batch, strlen (batch), NULL, NULL,
                                           &documents, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, expected);
}

static void
test_user_name (void)
{
  g_autofree char *long_name = g_strnfill (65, 'x');

  g_assert_true (nawat_codec_is_user_name ("somchai"));
  g_assert_true (nawat_codec_is_user_name ("a.b-c_d@e"));
  g_assert_true (nawat_codec_is_user_name (long_name + 1));
  g_assert_false (nawat_codec_is_user_name (long_name));
  g_assert_false (nawat_codec_is_user_name (""));
  g_assert_false (nawat_codec_is_user_name (NULL));
  g_assert_false (nawat_codec_is_user_name ("som chai"));
  g_assert_false (nawat_codec_is_user_name ("som\"chai"));
  g_assert_false (nawat_codec_is_user_name ("som\\chai"));
  g_assert_false (nawat_codec_is_user_name ("som:chai"));
  g_assert_false (nawat_codec_is_user_name ("สมชาย"));
}

static void
test_batch (void)
{
  g_autofree char *bad_eval = edit (evaluation_json, "\"merit.innovation\": 4", "\"merit.innovation\": 9");
  g_autofree char *bad_project = edit (project_json, "\"TH-50\"", "\"TH-00\"");
  g_autofree char *good = g_strdup_printf ("{\"docs\": [%s, %s, %s]}", call_json, project_json,
                                           evaluation_json);
  g_autofree char *bad = g_strdup_printf ("[%s, %s, %s, %s]", call_json, bad_project, bad_eval,
                                          project_json);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (nawat_codec_parse_batch (good, strlen (good), NULL, NULL,
                                          &documents, &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);
  g_assert_cmpuint (documents->len, ==, 3);
  g_assert_true (NAWAT_IS_CALL (g_ptr_array_index (documents, 0)));
  g_clear_pointer (&documents, g_ptr_array_unref);

  g_assert_false (nawat_codec_parse_batch (bad, strlen (bad), NULL, NULL,
                                           &documents, &problems, &error));
  g_assert_no_error (error);
  g_assert_null (documents);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "project:c1:017: province:"));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 1),
                            "evaluation:c1:017:somchai: scores.merit.innovation: 9 is above the maximum 5"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* An evaluation against a rubric nobody knows. */
  {
    g_autofree char *unknown = edit (evaluation_json, "rubric:default:1", "rubric:custom:2");
    g_autofree char *batch = g_strdup_printf ("[%s]", unknown);

    g_assert_false (nawat_codec_parse_batch (batch, strlen (batch), NULL, NULL,
                                             &documents, &problems, &error));
    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "rubric: the rubric is not known"));
  }
}

static void
test_default_rubric_round_trip (void)
{
  NawatRubric *rubric = nawat_rubric_get_default ();
  g_autofree char *data = nawat_codec_to_data (NAWAT_DOCUMENT (rubric), NULL);
  g_autoptr(NawatDocument) again = parse_ok (data);
  g_autofree char *data2 = nawat_codec_to_data (again, NULL);

  g_assert_cmpstr (data, ==, data2);
  g_assert_cmpuint (nawat_rubric_get_n_criteria (NAWAT_RUBRIC (again)), ==, 19);
}

/* The text of change @i's document, "-" where it has none. */
static char *
scanned (const char **spans,
         guint        i)
{
  if (spans[2 * i] == NULL)
    return g_strdup ("-");
  return g_strndup (spans[2 * i], spans[2 * i + 1] - spans[2 * i]);
}

static void
test_scan_changes (void)
{
  static const struct {
    const char *answer;
    /* the documents' texts joined by '|'; NULL: not laid out as expected */
    const char *texts;
  } cases[] = {
    { "{\"results\":[{\"seq\":1,\"id\":\"a\",\"doc\":{\"_id\":\"a\",\"n\":1}}],\"last_seq\":1}",
      "{\"_id\":\"a\",\"n\":1}" },
    /* whitespace, strings with quotes, braces and backslashes, a "doc"
     * member inside the document, members before and after
     */
    { " {\n \"last_seq\" : \"2-x\" ,\n \"results\" : [\n"
      "  { \"doc\" : { \"t\" : \"a \\\" } ] \\\\\", \"doc\" : [ 1, { } ] } ,"
      " \"seq\" : \"1-x\" } ,\n"
      "  { \"id\" : \"b\", \"deleted\" : true, \"doc\" : {\"_deleted\":true} }\r\n"
      " ]\t}",
      "{ \"t\" : \"a \\\" } ] \\\\\", \"doc\" : [ 1, { } ] }|{\"_deleted\":true}" },
    /* no document, another value, a repeated member (json-glib keeps the
     * last), an escaped name (not recognised: written again instead)
     */
    { "{\"results\":[{\"id\":\"a\"},17,{\"doc\":{\"v\":1},\"doc\":{\"v\":2}},"
      "{\"\\u0064oc\":{}},null,{\"doc\":null},{\"doc\":-1.5e3}],\"last_seq\":7}",
      "-|-|{\"v\":2}|-|-|null|-1.5e3" },
    { "{\"results\":[],\"last_seq\":0}", "" },
    /* runs of backslashes before quotes, odd and even, in names too */
    { "{\"results\":[{\"doc\":{\"a\\\\\":\"\\\\\\\"}\\\\\\\\\",\"b\":\"\\\"\\\\\"}}],"
      "\"last_seq\":1}",
      "{\"a\\\\\":\"\\\\\\\"}\\\\\\\\\",\"b\":\"\\\"\\\\\"}" },
    /* not as expected */
    { "{\"results\":{},\"last_seq\":0}", NULL },
    { "[]", NULL },
    { "{\"last_seq\":0}", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *answer = cases[i].answer;
      g_auto(GStrv) texts = cases[i].texts != NULL ? g_strsplit (cases[i].texts, "|", -1) : NULL;
      guint n = texts != NULL ? g_strv_length (texts) : 0;
      g_autoptr(JsonNode) parsed = json_from_string (cases[i].answer, NULL);
      g_autofree const char **spans = NULL;

      g_test_message ("case %u", i);
      g_assert_nonnull (parsed);
      spans = nawat_codec_scan_changes (answer, strlen (answer), n);
      if (texts == NULL)
        {
          g_assert_null (spans);
          continue;
        }
      g_assert_nonnull (spans);
      for (guint j = 0; j < n; j++)
        {
          g_autofree char *text = scanned (spans, j);

          g_assert_cmpstr (text, ==, texts[j]);
        }

      /* A count that does not match the answer's. */
      g_clear_pointer (&spans, g_free);
      spans = nawat_codec_scan_changes (answer, strlen (answer), n + 1);
      g_assert_null (spans);
      if (n > 0)
        {
          spans = nawat_codec_scan_changes (answer, strlen (answer), n - 1);
          g_assert_null (spans);
        }
    }

  /* Cut anywhere, the answers are never read past their end. */
  for (guint i = 1; i <= 4; i += 3)
    for (gsize len = 0; len < strlen (cases[i].answer); len++)
      {
        /* a copy, so that reading past its end is caught by the sanitizer */
        g_autofree char *cut = g_memdup2 (cases[i].answer, len);
        g_autofree const char **spans = nawat_codec_scan_changes (cut, len, i == 1 ? 2 : 1);

        g_assert_null (spans);
      }
}

/* An answer json-glib refuses as a whole (a lone surrogate) is split into
 * its changes, each with its id as written, so that each is read alone.
 */
static void
test_split_changes (void)
{
  static const char answer[] =
    "{\"results\":[{\"seq\":1,\"id\":\"a\",\"doc\":{\"_id\":\"a\",\"x\":\"\\ud800\"}},"
    " {\"seq\":2,\"id\":\"b\\u0000\",\"doc\":{\"t\":\"] } \\\"\"}}, 17,"
    "{\"seq\":3,\"doc\":{}}],\"last_seq\":3}";
  static const char *expected[] = {
    "{\"seq\":1,\"id\":\"a\",\"doc\":{\"_id\":\"a\",\"x\":\"\\ud800\"}}", "\"a\"",
    "{\"seq\":2,\"id\":\"b\\u0000\",\"doc\":{\"t\":\"] } \\\"\"}}", "\"b\\u0000\"",
    "17", NULL,
    "{\"seq\":3,\"doc\":{}}", NULL,
  };
  g_autoptr(GPtrArray) changes = nawat_codec_split_changes (answer, strlen (answer));
  g_autoptr(GError) error = NULL;

  g_assert_null (json_from_string (answer, NULL));
  g_assert_nonnull (changes);
  g_assert_cmpuint (changes->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < changes->len; i++)
    g_assert_cmpstr (changes->pdata[i], ==, expected[i]);

  /* The first is refused by the strict reading, with its byte. */
  g_assert_false (nawat_codec_check_text (changes->pdata[0], strlen (changes->pdata[0]), &error));
  g_assert_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "surrogate"));
  g_assert_nonnull (strstr (error->message, "byte 40"));

  /* Not laid out as an answer; cut short. */
  g_assert_null (nawat_codec_split_changes ("[]", 2));
  g_assert_null (nawat_codec_split_changes ("{\"results\":{}}", 14));
  for (gsize len = 0; len < strlen (answer) - 1; len++)
    {
      g_autofree char *cut = g_memdup2 (answer, len);
      g_autoptr(GPtrArray) none = nawat_codec_split_changes (cut, len);

      g_assert_null (none);
    }
}

/* A copy of @data with the first @from in it replaced by @to. */
static char *
dup_replaced (const char *data,
              const char *from,
              const char *to)
{
  const char *at = strstr (data, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - data), data, to, at + strlen (from));
}

/* The scanner of an evaluation's stored text steps over strings with
 * every escape the codec writes, and refuses a string with another
 * escape or left open.
 */
static void
test_evaluation_text_strings (void)
{
  static const char * const keys[] = { "g.c", "g.d", NULL };
  static const char * const none[] = { NULL };
  const char *comment = "\"quoted\" \\ back\\\nline\ttab\r\x01 \xe0\xb9\x84\xe0\xb8\x97\xe0\xb8\xa2 \\\"";
  g_autoptr(NawatEvaluation) evaluation = nawat_evaluation_new ("project:c:p", "e", "rubric:r:1");
  g_autoptr(NawatEvaluationText) text = _nawat_evaluation_text_new ("rubric:r:1", keys, none);
  g_autofree char *data = NULL;
  g_autofree char *other_escape = NULL;
  g_autofree char *wide_escape = NULL;
  g_autofree char *open = NULL;
  NawatEvaluationFields fields;
  gboolean has_comments = FALSE;
  gsize length;

  nawat_document_set_id (NAWAT_DOCUMENT (evaluation), "evaluation:c:p:e");
  nawat_evaluation_set_score (evaluation, "g.c", 3);
  nawat_evaluation_set_comment (evaluation, "g.c", comment);
  nawat_evaluation_set_overall_comment (evaluation, "\\");
  nawat_evaluation_set_status (evaluation, NAWAT_EVALUATION_SUBMITTED);
  data = nawat_codec_to_data (NAWAT_DOCUMENT (evaluation), &length);
  g_assert_nonnull (strstr (data, "\\u0001"));

  g_assert_true (_nawat_evaluation_text_read (text, data, length, &fields));
  g_assert_cmpfloat (fields.scores[0], ==, 3);
  g_assert_true (isnan (fields.scores[1]));
  g_assert_cmpmem (fields.status.text, fields.status.length, "\"submitted\"", strlen ("\"submitted\""));
  for (guint i = 0; i < fields.n_members; i++)
    if (g_str_has_prefix (fields.members[i].text, "\"comments\":"))
      {
        g_autofree char *member = g_strndup (fields.members[i].text, fields.members[i].length);
        g_autoptr(JsonNode) node = json_from_string (member + strlen ("\"comments\":"), NULL);

        g_assert_nonnull (node);
        g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "g.c"), ==,
                         comment);
        has_comments = TRUE;
      }
  g_assert_true (has_comments);

  other_escape = dup_replaced (data, "\\n", "\\/");
  g_assert_false (_nawat_evaluation_text_read (text, other_escape, strlen (other_escape), &fields));
  wide_escape = dup_replaced (data, "\\u0001", "\\u0041");
  g_assert_false (_nawat_evaluation_text_read (text, wide_escape, strlen (wide_escape), &fields));
  /* The overall comment's closing quote, escaped: the string runs on. */
  open = dup_replaced (data, "\"\\\\\"", "\"\\\\\\\"");
  g_assert_false (_nawat_evaluation_text_read (text, open, strlen (open), &fields));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nawat/codec/round-trip", test_round_trip);
  g_test_add_func ("/nawat/codec/unknown-fields", test_unknown_fields);
  g_test_add_func ("/nawat/codec/fields", test_fields);
  g_test_add_func ("/nawat/codec/invalid-documents", test_invalid_documents);
  g_test_add_func ("/nawat/codec/call-theme", test_call_theme);
  g_test_add_func ("/nawat/codec/huge-field", test_huge_field);
  g_test_add_func ("/nawat/codec/scores-against-rubric", test_scores_against_rubric);
  g_test_add_func ("/nawat/codec/malformed", test_malformed);
  g_test_add_func ("/nawat/codec/foreach", test_foreach);
  g_test_add_func ("/nawat/codec/batch", test_batch);
  g_test_add_func ("/nawat/codec/strict", test_strict);
  g_test_add_func ("/nawat/codec/reserved-and-fractions", test_reserved_and_fractions);
  g_test_add_func ("/nawat/codec/user-name", test_user_name);
  g_test_add_func ("/nawat/codec/batch-duplicate-id", test_batch_duplicate_id);
  g_test_add_func ("/nawat/codec/node-extra", test_node_extra);
  g_test_add_func ("/nawat/codec/number-forms", test_number_forms);
  g_test_add_func ("/nawat/codec/build-checked-bounds", test_build_checked_bounds);
  g_test_add_func ("/nawat/codec/parse-text", test_parse_text);
  g_test_add_func ("/nawat/codec/attachments", test_attachments);
  g_test_add_func ("/nawat/codec/scan-changes", test_scan_changes);
  g_test_add_func ("/nawat/codec/split-changes", test_split_changes);
  g_test_add_func ("/nawat/codec/default-rubric", test_default_rubric_round_trip);
  g_test_add_func ("/nawat/codec/evaluation-text-strings", test_evaluation_text_strings);

  return g_test_run ();
}
