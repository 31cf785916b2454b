/* test-round.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-codec.h"
#include "nawat-merge.h"
#include "nawat-round.h"

#define DEADLINE "2026-06-30T17:00:00Z"

static NawatCall *
make_call (const char *deadline)
{
  static const char * const evaluators[] = { "somchai", "malee", "outsider", NULL };
  NawatCall *call = nawat_call_new ("c1");

  nawat_call_set_rubric (call, "rubric:default:1");
  nawat_call_set_deadline (call, deadline);
  nawat_call_set_evaluators (call, evaluators);
  return call;
}

static NawatProject *
make_project (void)
{
  static const char * const assigned[] = { "somchai", "malee", NULL };
  NawatProject *project = nawat_project_new ("c1", "p1");

  nawat_project_set_assigned (project, assigned);
  return project;
}

static NawatEvaluation *
make_evaluation (const char            *evaluator,
                 NawatEvaluationStatus  status)
{
  NawatEvaluation *evaluation = nawat_evaluation_new ("project:c1:p1", evaluator,
                                                      "rubric:default:1");

  nawat_evaluation_set_score (evaluation, "merit.impact", 3);
  nawat_evaluation_set_status (evaluation, status);
  nawat_evaluation_set_updated (evaluation, "2026-06-01T00:00:00Z");
  return evaluation;
}

static GDateTime *
at (const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return g_date_time_new_from_iso8601 (iso, utc);
}

static void
assert_change (NawatCall       *call,
               NawatProject    *project,
               NawatEvaluation *before,
               NawatEvaluation *after,
               const char      *now_iso,
               int              code)
{
  g_autoptr(GDateTime) now = at (now_iso);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = nawat_round_check_change (call, project, before, after, now, &error);
  if (code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_error (error, NAWAT_ROUND_ERROR, code);
      g_assert_false (ok);
      g_test_message ("%s", error->message);
    }
}

static void
test_deadline (void)
{
  g_autoptr(NawatCall) call = make_call (DEADLINE);
  g_autoptr(NawatCall) open = make_call (NULL);
  g_autoptr(GDateTime) deadline = NULL;
  g_autoptr(GDateTime) extended = NULL;
  g_autoptr(GDateTime) earlier = NULL;
  g_autoptr(GDateTime) only_extension = NULL;
  g_autoptr(GDateTime) before = at ("2026-06-30T16:59:59Z");
  g_autoptr(GDateTime) exactly = at (DEADLINE);
  g_autoptr(GDateTime) after = at ("2026-06-30T17:00:01Z");
  g_autoptr(GDateTime) much_later = at ("2099-01-01T00:00:00Z");

  /* No deadline: the round never closes. */
  g_assert_null (nawat_round_dup_deadline (open, "somchai"));
  g_assert_false (nawat_round_is_closed (open, "somchai", much_later));

  deadline = nawat_round_dup_deadline (call, "somchai");
  g_assert_nonnull (deadline);
  g_assert_cmpint (g_date_time_compare (deadline, exactly), ==, 0);
  g_assert_false (nawat_round_is_closed (call, "somchai", before));
  /* The deadline instant is still open; one second later it is closed. */
  g_assert_false (nawat_round_is_closed (call, "somchai", exactly));
  g_assert_true (nawat_round_is_closed (call, "somchai", after));

  /* An extension moves one evaluator's deadline, nobody else's. */
  nawat_call_set_extension (call, "malee", "2026-07-15T17:00:00Z");
  extended = nawat_round_dup_deadline (call, "malee");
  g_assert_cmpint (g_date_time_get_day_of_month (extended), ==, 15);
  g_assert_false (nawat_round_is_closed (call, "malee", after));
  g_assert_true (nawat_round_is_closed (call, "somchai", after));

  /* An extension earlier than the call's deadline changes nothing. */
  nawat_call_set_extension (call, "somchai", "2026-06-01T00:00:00Z");
  earlier = nawat_round_dup_deadline (call, "somchai");
  g_assert_cmpint (g_date_time_compare (earlier, exactly), ==, 0);
  g_assert_false (nawat_round_is_closed (call, "somchai", before));

  /* An extension on a call without a deadline: the extension is the later. */
  nawat_call_set_extension (open, "malee", "2026-07-01T00:00:00Z");
  only_extension = nawat_round_dup_deadline (open, "malee");
  g_assert_nonnull (only_extension);
  g_assert_true (nawat_round_is_closed (open, "malee", much_later));

  /* A date with an offset compares as the instant it names. */
  nawat_call_set_deadline (call, "2026-07-01T00:00:00+07:00");
  g_assert_false (nawat_round_is_closed (call, "somchai", exactly));
  g_assert_true (nawat_round_is_closed (call, "somchai", after));
}

static void
test_assigned (void)
{
  g_autoptr(NawatCall) call = make_call (NULL);
  g_autoptr(NawatProject) project = make_project ();
  g_autoptr(NawatProject) elsewhere = nawat_project_new ("c2", "p1");
  g_autoptr(GError) error = NULL;

  g_assert_true (nawat_round_check_assigned (call, project, "somchai", &error));
  g_assert_no_error (error);

  g_assert_false (nawat_round_check_assigned (call, project, "outsider", &error));
  g_assert_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_NOT_ASSIGNED);
  g_assert_nonnull (strstr (error->message, "is not assigned to outsider"));
  g_clear_error (&error);

  g_assert_false (nawat_round_check_assigned (call, project, "stranger", &error));
  g_assert_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_NOT_IN_CALL);
  g_clear_error (&error);

  /* Assigned in the project but not an evaluator of the call. */
  nawat_call_set_evaluators (call, (const char * const[]) { "malee", NULL });
  g_assert_false (nawat_round_check_assigned (call, project, "somchai", &error));
  g_assert_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_NOT_IN_CALL);
  g_clear_error (&error);

  g_assert_false (nawat_round_check_assigned (call, elsewhere, "malee", &error));
  g_assert_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_MISMATCH);
}

static void
test_change_new (void)
{
  g_autoptr(NawatCall) call = make_call (DEADLINE);
  g_autoptr(NawatProject) project = make_project ();
  g_autoptr(NawatEvaluation) mine = make_evaluation ("somchai", NAWAT_EVALUATION_DRAFT);
  g_autoptr(NawatEvaluation) theirs = make_evaluation ("outsider", NAWAT_EVALUATION_DRAFT);
  g_autoptr(NawatEvaluation) submitted = make_evaluation ("somchai", NAWAT_EVALUATION_SUBMITTED);
  g_autoptr(NawatEvaluation) other = nawat_evaluation_new ("project:c1:p2", "somchai",
                                                           "rubric:default:1");

  assert_change (call, project, NULL, mine, "2026-06-01T00:00:00Z", -1);
  assert_change (call, project, NULL, submitted, "2026-06-01T00:00:00Z", -1);
  assert_change (call, project, NULL, mine, DEADLINE, -1);
  assert_change (call, project, NULL, mine, "2026-06-30T17:00:01Z",
                 NAWAT_ROUND_ERROR_CLOSED);
  assert_change (call, project, NULL, theirs, "2026-06-01T00:00:00Z",
                 NAWAT_ROUND_ERROR_NOT_ASSIGNED);
  /* An evaluation of another project is not checked against this one. */
  assert_change (call, project, NULL, other, "2026-06-01T00:00:00Z",
                 NAWAT_ROUND_ERROR_MISMATCH);
}

static void
test_change_extension (void)
{
  g_autoptr(NawatCall) call = make_call (DEADLINE);
  g_autoptr(NawatProject) project = make_project ();
  g_autoptr(NawatEvaluation) before = make_evaluation ("somchai", NAWAT_EVALUATION_DRAFT);
  g_autoptr(NawatEvaluation) after = nawat_evaluation_copy (before);
  g_autoptr(GDateTime) now = at ("2026-07-02T00:00:00Z");
  g_autoptr(GError) error = NULL;

  nawat_evaluation_set_score (after, "merit.impact", 4);
  g_assert_false (nawat_round_check_change (call, project, before, after, now, &error));
  g_assert_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_CLOSED);
  g_assert_nonnull (strstr (error->message, "2026-06-30 17:00 UTC"));
  g_assert_nonnull (strstr (error->message, "extension"));
  g_clear_error (&error);

  /* An extension earlier than the call's deadline does not reopen it. */
  nawat_call_set_extension (call, "somchai", "2026-06-15T00:00:00Z");
  assert_change (call, project, before, after, "2026-07-02T00:00:00Z",
                 NAWAT_ROUND_ERROR_CLOSED);

  /* The coordinator's extension for this evaluator makes it possible again. */
  nawat_call_set_extension (call, "somchai", "2026-07-10T00:00:00Z");
  assert_change (call, project, before, after, "2026-07-02T00:00:00Z", -1);
  assert_change (call, project, before, after, "2026-07-10T00:00:00Z", -1);
  assert_change (call, project, before, after, "2026-07-10T00:00:01Z",
                 NAWAT_ROUND_ERROR_CLOSED);

  /* So does moving the call's deadline. */
  nawat_call_set_extension (call, "somchai", NULL);
  nawat_call_set_deadline (call, "2026-08-01T00:00:00Z");
  assert_change (call, project, before, after, "2026-07-20T00:00:00Z", -1);

  /* Saving nothing new is never refused. */
  assert_change (call, project, before, before, "2027-01-01T00:00:00Z", -1);
}

static void
test_change_conflict (void)
{
  g_autoptr(NawatCall) call = make_call (NULL);
  g_autoptr(NawatProject) project = make_project ();
  g_autoptr(NawatEvaluation) before = make_evaluation ("somchai", NAWAT_EVALUATION_DRAFT);
  g_autoptr(NawatEvaluation) after = nawat_evaluation_copy (before);

  /* Declared, with a score left: refused. */
  nawat_evaluation_set_conflict (after, TRUE, "My sister runs it");
  assert_change (call, project, before, after, "2026-06-01T00:00:00Z",
                 NAWAT_ROUND_ERROR_CONFLICT);

  /* Declared, scores cleared: fine, as a draft. */
  nawat_evaluation_clear_score (after, "merit.impact");
  assert_change (call, project, before, after, "2026-06-01T00:00:00Z", -1);
  assert_change (call, project, NULL, after, "2026-06-01T00:00:00Z", -1);

  /* Declared and submitted: refused. */
  nawat_evaluation_set_status (after, NAWAT_EVALUATION_SUBMITTED);
  assert_change (call, project, before, after, "2026-06-01T00:00:00Z",
                 NAWAT_ROUND_ERROR_CONFLICT);
  assert_change (call, project, NULL, after, "2026-06-01T00:00:00Z",
                 NAWAT_ROUND_ERROR_CONFLICT);
}

static void
test_change_submitted (void)
{
  g_autoptr(NawatCall) call = make_call (DEADLINE);
  g_autoptr(NawatProject) project = make_project ();
  g_autoptr(NawatEvaluation) before = make_evaluation ("somchai", NAWAT_EVALUATION_SUBMITTED);
  g_autoptr(NawatEvaluation) edited = nawat_evaluation_copy (before);
  g_autoptr(NawatEvaluation) unlocked = nawat_evaluation_copy (before);
  g_autoptr(NawatEvaluation) reopened = nawat_evaluation_copy (before);
  g_autoptr(NawatEvaluation) reopened_edited = NULL;
  g_autoptr(NawatEvaluation) by_other = nawat_evaluation_copy (before);
  g_autoptr(NawatEvaluation) draft = make_evaluation ("somchai", NAWAT_EVALUATION_DRAFT);
  g_autoptr(NawatEvaluation) forged = NULL;

  /* Scores of a submitted evaluation never change while it stays submitted. */
  nawat_evaluation_set_score (edited, "merit.impact", 5);
  assert_change (call, project, before, edited, "2026-06-01T00:00:00Z",
                 NAWAT_ROUND_ERROR_SUBMITTED);
  nawat_evaluation_set_score (edited, "merit.impact", 3);
  nawat_evaluation_set_overall_comment (edited, "second thoughts");
  assert_change (call, project, before, edited, "2026-06-01T00:00:00Z",
                 NAWAT_ROUND_ERROR_SUBMITTED);

  /* Back to draft without recording the reopening: refused. */
  nawat_evaluation_set_status (unlocked, NAWAT_EVALUATION_DRAFT);
  assert_change (call, project, before, unlocked, "2026-06-01T00:00:00Z",
                 NAWAT_ROUND_ERROR_REOPEN);

  /* The evaluator's own reopening before the deadline. */
  nawat_evaluation_set_status (reopened, NAWAT_EVALUATION_DRAFT);
  nawat_evaluation_set_reopened (reopened, "somchai", "2026-06-01T00:00:00Z");
  assert_change (call, project, before, reopened, "2026-06-01T00:00:00Z", -1);
  /* ... but not after it. */
  assert_change (call, project, before, reopened, "2026-07-01T00:00:00Z",
                 NAWAT_ROUND_ERROR_CLOSED);

  /* Reopening and changing a score in one step: refused. */
  reopened_edited = nawat_evaluation_copy (reopened);
  nawat_evaluation_set_score (reopened_edited, "merit.impact", 1);
  assert_change (call, project, before, reopened_edited, "2026-06-01T00:00:00Z",
                 NAWAT_ROUND_ERROR_SUBMITTED);

  /* Once reopened, the draft changes as any draft. */
  assert_change (call, project, reopened, reopened_edited, "2026-06-01T00:00:00Z", -1);

  /* The evaluator cannot record someone else as having reopened it. */
  nawat_evaluation_set_status (by_other, NAWAT_EVALUATION_DRAFT);
  nawat_evaluation_set_reopened (by_other, "boss", "2026-06-01T00:00:00Z");
  assert_change (call, project, before, by_other, "2026-06-01T00:00:00Z",
                 NAWAT_ROUND_ERROR_REOPEN);

  /* Nor write "reopened" on a draft by hand. */
  forged = nawat_evaluation_copy (draft);
  nawat_evaluation_set_reopened (forged, "somchai", "2026-06-01T00:00:00Z");
  assert_change (call, project, draft, forged, "2026-06-01T00:00:00Z",
                 NAWAT_ROUND_ERROR_REOPEN);
}

static void
test_editable (void)
{
  g_autoptr(NawatCall) call = make_call (DEADLINE);
  g_autoptr(NawatProject) project = make_project ();
  g_autoptr(NawatEvaluation) draft = make_evaluation ("somchai", NAWAT_EVALUATION_DRAFT);
  g_autoptr(NawatEvaluation) submitted = make_evaluation ("somchai", NAWAT_EVALUATION_SUBMITTED);
  g_autoptr(GDateTime) open = at ("2026-06-01T00:00:00Z");
  g_autoptr(GDateTime) closed = at ("2026-07-01T00:00:00Z");
  g_autoptr(GError) error = NULL;

  g_assert_true (nawat_round_check_editable (call, project, NULL, "somchai", open, &error));
  g_assert_true (nawat_round_check_editable (call, project, draft, "somchai", open, &error));
  g_assert_no_error (error);

  /* A declared conflict leaves the form open: it can be withdrawn. */
  nawat_evaluation_set_conflict (draft, TRUE, NULL);
  g_assert_true (nawat_round_check_editable (call, project, draft, "somchai", open, &error));
  g_assert_no_error (error);

  g_assert_false (nawat_round_check_editable (call, project, submitted, "somchai", open, &error));
  g_assert_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_SUBMITTED);
  g_assert_nonnull (strstr (error->message, "reopen it to change it"));
  g_clear_error (&error);

  g_assert_false (nawat_round_check_editable (call, project, draft, "somchai", closed, &error));
  g_assert_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_CLOSED);
  g_clear_error (&error);

  g_assert_false (nawat_round_check_editable (call, project, NULL, "outsider", open, &error));
  g_assert_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_NOT_ASSIGNED);
  g_clear_error (&error);

  /* Another evaluator's evaluation is not a form of mine. */
  g_assert_false (nawat_round_check_editable (call, project, draft, "malee", open, &error));
  g_assert_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_MISMATCH);
}

static void
test_reopen (void)
{
  g_autoptr(NawatCall) call = make_call (DEADLINE);
  g_autoptr(NawatEvaluation) submitted = make_evaluation ("somchai", NAWAT_EVALUATION_SUBMITTED);
  g_autoptr(NawatEvaluation) draft = make_evaluation ("somchai", NAWAT_EVALUATION_DRAFT);
  g_autoptr(GDateTime) open = at ("2026-06-01T00:00:00Z");
  g_autoptr(GDateTime) closed = at ("2026-07-01T08:30:00Z");
  g_autoptr(GError) error = NULL;

  g_assert_true (nawat_round_check_reopen (call, submitted, "somchai", FALSE, open, &error));
  g_assert_no_error (error);

  /* By the evaluator after the deadline: refused. */
  g_assert_false (nawat_round_check_reopen (call, submitted, "somchai", FALSE, closed, &error));
  g_assert_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_CLOSED);
  g_clear_error (&error);

  /* By another evaluator: refused. */
  g_assert_false (nawat_round_check_reopen (call, submitted, "malee", FALSE, open, &error));
  g_assert_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_REOPEN);
  g_clear_error (&error);

  /* A draft has nothing to reopen. */
  g_assert_false (nawat_round_check_reopen (call, draft, "boss", TRUE, open, &error));
  g_assert_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_REOPEN);
  g_clear_error (&error);

  /* A coordinator, any time; the reopening is recorded. */
  g_assert_true (nawat_round_reopen (call, submitted, "boss", TRUE, closed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nawat_evaluation_get_status (submitted), ==, NAWAT_EVALUATION_DRAFT);
  g_assert_cmpstr (nawat_evaluation_get_reopened_by (submitted), ==, "boss");
  g_assert_cmpstr (nawat_evaluation_get_reopened_at (submitted), ==, "2026-07-01T08:30:00Z");
  /* The evaluator's last change keeps its date. */
  g_assert_cmpstr (nawat_evaluation_get_updated (submitted), ==, "2026-06-01T00:00:00Z");
}

/* The evaluator's own reopening through nawat_round_reopen() passes
 * nawat_round_check_change(): the two agree on what a reopening is.
 */
static void
test_reopen_is_a_valid_change (void)
{
  g_autoptr(NawatCall) call = make_call (DEADLINE);
  g_autoptr(NawatProject) project = make_project ();
  g_autoptr(NawatEvaluation) before = make_evaluation ("somchai", NAWAT_EVALUATION_SUBMITTED);
  g_autoptr(NawatEvaluation) after = nawat_evaluation_copy (before);
  g_autoptr(GDateTime) now = at ("2026-06-10T00:00:00Z");
  g_autoptr(GError) error = NULL;

  g_assert_true (nawat_round_reopen (call, after, "somchai", FALSE, now, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_evaluation_get_updated (after), ==, "2026-06-10T00:00:00Z");
  g_assert_true (nawat_round_check_change (call, project, before, after, now, &error));
  g_assert_no_error (error);
}

static void
assert_received (NawatCall       *call,
                 NawatProject    *project,
                 NawatEvaluation *evaluation,
                 const char      *owner,
                 int              code)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = nawat_round_check_received (call, project, evaluation, owner, &error);

  if (code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_error (error, NAWAT_ROUND_ERROR, code);
      g_assert_false (ok);
      g_test_message ("%s", error->message);
    }
}

static void
test_received (void)
{
  g_autoptr(NawatCall) call = make_call (DEADLINE);
  g_autoptr(NawatCall) open = make_call (NULL);
  g_autoptr(NawatProject) project = make_project ();
  g_autoptr(NawatEvaluation) good = make_evaluation ("somchai", NAWAT_EVALUATION_SUBMITTED);
  g_autoptr(NawatEvaluation) unassigned = make_evaluation ("outsider", NAWAT_EVALUATION_DRAFT);
  g_autoptr(NawatEvaluation) conflicted = make_evaluation ("somchai", NAWAT_EVALUATION_DRAFT);
  g_autoptr(NawatEvaluation) late = make_evaluation ("somchai", NAWAT_EVALUATION_DRAFT);
  g_autoptr(NawatEvaluation) at_deadline = make_evaluation ("somchai", NAWAT_EVALUATION_DRAFT);
  g_autoptr(NawatEvaluation) undated = make_evaluation ("somchai", NAWAT_EVALUATION_DRAFT);
  g_autoptr(NawatEvaluation) reopened = make_evaluation ("somchai", NAWAT_EVALUATION_SUBMITTED);
  g_autoptr(GDateTime) after_deadline = at ("2026-07-05T00:00:00Z");

  assert_received (call, project, good, "somchai", -1);

  /* Where it was found. */
  assert_received (call, project, good, NULL, NAWAT_ROUND_ERROR_MISMATCH);
  assert_received (call, project, good, "malee", NAWAT_ROUND_ERROR_MISMATCH);
  /* What the store knows of its call and project. */
  assert_received (NULL, project, good, "somchai", NAWAT_ROUND_ERROR_MISMATCH);
  assert_received (call, NULL, good, "somchai", NAWAT_ROUND_ERROR_MISMATCH);

  /* The round's rules. */
  assert_received (call, project, unassigned, "outsider", NAWAT_ROUND_ERROR_NOT_ASSIGNED);
  nawat_evaluation_set_conflict (conflicted, TRUE, NULL);
  assert_received (call, project, conflicted, "somchai", NAWAT_ROUND_ERROR_CONFLICT);

  /* Dated after the deadline: suspect, unless an extension covers it; the
   * deadline instant itself is fine; undated with a deadline is suspect,
   * without one fine.
   */
  nawat_evaluation_set_updated (late, "2026-07-01T00:00:00Z");
  assert_received (call, project, late, "somchai", NAWAT_ROUND_ERROR_CLOSED);
  nawat_call_set_extension (call, "somchai", "2026-07-01T00:00:00Z");
  assert_received (call, project, late, "somchai", -1);
  nawat_call_set_extension (call, "somchai", NULL);
  nawat_evaluation_set_updated (at_deadline, DEADLINE);
  assert_received (call, project, at_deadline, "somchai", -1);
  nawat_evaluation_set_updated (undated, NULL);
  assert_received (call, project, undated, "somchai", NAWAT_ROUND_ERROR_CLOSED);
  assert_received (open, project, undated, "somchai", -1);
  assert_received (open, project, late, "somchai", -1);

  /* A coordinator's reopening after the deadline keeps the evaluator's
   * "updated": it is received.
   */
  g_assert_true (nawat_round_reopen (call, reopened, "boss", TRUE, after_deadline, NULL));
  assert_received (call, project, reopened, "somchai", -1);
}

/* Each of @members, in an otherwise valid call, is refused with a reason
 * that names @field or @other_field.
 */
static void
assert_bad_calls (const char * const *members,
                  gsize               n_members,
                  const char         *field,
                  const char         *other_field)
{
  for (gsize i = 0; i < n_members; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\": \"call:c1\", \"type\": \"call\","
                                               " \"schema\": 1, \"title\": {\"en\": \"G\"}, %s}",
                                               members[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(NawatDocument) document = nawat_codec_from_data (json, -1, &error);

      g_assert_null (document);
      g_assert_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_true (strstr (error->message, field) != NULL ||
                     strstr (error->message, other_field) != NULL);
    }
}

static void
test_codec (void)
{
  static const char call_json[] =
    "{\"_id\": \"call:c1\", \"type\": \"call\", \"schema\": 1,"
    " \"title\": {\"en\": \"Grants\"}, \"deadline\": \"2026-06-30T17:00:00Z\","
    " \"evaluators\": [\"somchai\", \"malee\"],"
    " \"extensions\": {\"somchai\": \"2026-07-15T17:00:00Z\", \"malee\": \"2026-07-01T00:00:00Z\"}}";
  static const char evaluation_json[] =
    "{\"_id\": \"evaluation:c1:p1:somchai\", \"type\": \"evaluation\", \"schema\": 1,"
    " \"project\": \"project:c1:p1\", \"evaluator\": \"somchai\","
    " \"rubric\": \"rubric:default:1\", \"scores\": {}, \"status\": \"draft\","
    " \"reopened\": {\"by\": \"boss\", \"at\": \"2026-07-01T08:30:00Z\"}}";
  static const char *bad_calls[] = {
    "\"extensions\": []",
    "\"extensions\": {\"some one\": \"2026-07-15T17:00:00Z\"}",
    "\"extensions\": {\"a:b\": \"2026-07-15T17:00:00Z\"}",
    "\"extensions\": {\"somchai\": \"next week\"}",
    "\"extensions\": {\"somchai\": 20260715}",
  };
  static const char *bad_evaluations[] = {
    "\"reopened\": \"boss\"",
    "\"reopened\": {\"by\": \"boss\"}",
    "\"reopened\": {\"at\": \"2026-07-01T08:30:00Z\"}",
    "\"reopened\": {\"by\": \"the boss\", \"at\": \"2026-07-01T08:30:00Z\"}",
    "\"reopened\": {\"by\": \"boss\", \"at\": \"yesterday\"}",
  };
  g_autoptr(NawatDocument) call = NULL;
  g_autoptr(NawatDocument) evaluation = NULL;
  g_autoptr(NawatDocument) call2 = NULL;
  g_autoptr(NawatDocument) evaluation2 = NULL;
  g_autofree char *call_data = NULL;
  g_autofree char *evaluation_data = NULL;
  g_autofree char *call_data2 = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;

  call = nawat_codec_from_data (call_json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_call_get_extension (NAWAT_CALL (call), "somchai"), ==,
                   "2026-07-15T17:00:00Z");
  g_assert_null (nawat_call_get_extension (NAWAT_CALL (call), "nobody"));
  names = nawat_call_dup_extension_names (NAWAT_CALL (call));
  g_assert_cmpstrv (names, ((const char * const[]) { "malee", "somchai", NULL }));
  /* Not kept as an unknown member as well. */
  g_assert_null (nawat_document_get_extra (call));

  /* Written in a fixed order (sorted names), read back the same. */
  call_data = nawat_codec_to_data (call, NULL);
  g_assert_nonnull (strstr (call_data,
                            "\"extensions\":{\"malee\":\"2026-07-01T00:00:00Z\","
                            "\"somchai\":\"2026-07-15T17:00:00Z\"}"));
  call2 = nawat_codec_from_data (call_data, -1, &error);
  g_assert_no_error (error);
  call_data2 = nawat_codec_to_data (call2, NULL);
  g_assert_cmpstr (call_data, ==, call_data2);

  /* No extensions: no member. */
  nawat_call_set_extension (NAWAT_CALL (call), "somchai", NULL);
  nawat_call_set_extension (NAWAT_CALL (call), "malee", NULL);
  g_clear_pointer (&call_data, g_free);
  call_data = nawat_codec_to_data (call, NULL);
  g_assert_null (strstr (call_data, "extensions"));

  evaluation = nawat_codec_from_data (evaluation_json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_evaluation_get_reopened_by (NAWAT_EVALUATION (evaluation)), ==, "boss");
  g_assert_cmpstr (nawat_evaluation_get_reopened_at (NAWAT_EVALUATION (evaluation)), ==,
                   "2026-07-01T08:30:00Z");
  g_assert_null (nawat_document_get_extra (evaluation));
  evaluation_data = nawat_codec_to_data (evaluation, NULL);
  g_assert_nonnull (strstr (evaluation_data,
                            "\"reopened\":{\"by\":\"boss\",\"at\":\"2026-07-01T08:30:00Z\"}"));
  evaluation2 = nawat_codec_from_data (evaluation_data, -1, &error);
  g_assert_no_error (error);
  g_assert_true (nawat_evaluation_equal_content (NAWAT_EVALUATION (evaluation),
                                                 NAWAT_EVALUATION (evaluation2)));

  assert_bad_calls (bad_calls, G_N_ELEMENTS (bad_calls), "extensions", "extensions");

  for (guint i = 0; i < G_N_ELEMENTS (bad_evaluations); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\": \"evaluation:c1:p1:somchai\","
                                               " \"type\": \"evaluation\", \"schema\": 1,"
                                               " \"project\": \"project:c1:p1\","
                                               " \"evaluator\": \"somchai\","
                                               " \"rubric\": \"rubric:default:1\","
                                               " \"status\": \"draft\", %s}",
                                               bad_evaluations[i]);
      g_autoptr(NawatDocument) document = nawat_codec_from_data (json, -1, &error);

      g_assert_null (document);
      g_assert_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "reopened"));
      g_clear_error (&error);
    }
}

/* "evaluator_profiles": read, validated, written back with what this
 * version does not know.
 */
static void
test_profiles_codec (void)
{
  static const char call_json[] =
    "{\"_id\": \"call:c1\", \"type\": \"call\", \"schema\": 1,"
    " \"title\": {\"en\": \"Grants\"}, \"evaluators\": [\"somchai\", \"malee\"],"
    " \"evaluator_profiles\": {"
    "  \"somchai\": {\"display_name\": \"สมชาย ใจดี\", \"organisation\": \"มหาวิทยาลัยเชียงใหม่\","
    "   \"domains\": [\"environment\", \"health\"], \"max_load\": 12, \"phone\": \"053\"},"
    "  \"malee\": {\"domains\": []}},"
    " \"future\": 1}";
  static const char *bad_calls[] = {
    "\"evaluator_profiles\": []",
    "\"evaluator_profiles\": {\"some one\": {}}",
    "\"evaluator_profiles\": {\"somchai\": \"expert\"}",
    "\"evaluator_profiles\": {\"somchai\": {\"display_name\": 7}}",
    "\"evaluator_profiles\": {\"somchai\": {\"organisation\": [\"x\"]}}",
    "\"evaluator_profiles\": {\"somchai\": {\"domains\": [\"cooking\"]}}",
    "\"evaluator_profiles\": {\"somchai\": {\"domains\": \"health\"}}",
    "\"evaluator_profiles\": {\"somchai\": {\"max_load\": -1}}",
    "\"evaluator_profiles\": {\"somchai\": {\"max_load\": 2.5}}",
    "\"evaluator_profiles\": {\"somchai\": {\"max_load\": \"12\"}}",
  };
  g_autoptr(NawatDocument) call = NULL;
  g_autoptr(NawatDocument) call2 = NULL;
  g_autofree char *data = NULL;
  g_autofree char *data2 = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;
  const NawatEvaluatorProfile *profile;

  call = nawat_codec_from_data (call_json, -1, &error);
  g_assert_no_error (error);
  names = nawat_call_dup_profile_names (NAWAT_CALL (call));
  g_assert_cmpstrv (names, ((const char * const[]) { "malee", "somchai", NULL }));
  profile = nawat_call_get_profile (NAWAT_CALL (call), "somchai");
  g_assert_cmpstr (profile->display_name, ==, "สมชาย ใจดี");
  g_assert_cmpstr (profile->organisation, ==, "มหาวิทยาลัยเชียงใหม่");
  g_assert_cmpstrv (profile->domains, ((const char * const[]) { "environment", "health", NULL }));
  g_assert_cmpint (profile->max_load, ==, 12);
  g_assert_nonnull (profile->extra);
  profile = nawat_call_get_profile (NAWAT_CALL (call), "malee");
  g_assert_null (profile->display_name);
  g_assert_null (profile->organisation);
  g_assert_cmpstrv (profile->domains, ((const char * const[]) { NULL }));
  g_assert_cmpint (profile->max_load, ==, -1);
  g_assert_null (nawat_call_get_profile (NAWAT_CALL (call), "nobody"));

  /* Written in a fixed order, unknown members kept, read back the same. */
  data = nawat_codec_to_data (call, NULL);
  g_assert_nonnull (strstr (data, "\"evaluator_profiles\":{\"malee\":{\"domains\":[]},"
                                  "\"somchai\":{\"display_name\":\"สมชาย ใจดี\","));
  g_assert_nonnull (strstr (data, "\"max_load\":12,\"phone\":\"053\"}}"));
  g_assert_nonnull (strstr (data, "\"future\":1"));
  call2 = nawat_codec_from_data (data, -1, &error);
  g_assert_no_error (error);
  data2 = nawat_codec_to_data (call2, NULL);
  g_assert_cmpstr (data, ==, data2);

  /* No profiles: no member. */
  nawat_call_set_profile (NAWAT_CALL (call), "somchai", NULL);
  nawat_call_set_profile (NAWAT_CALL (call), "malee", NULL);
  g_clear_pointer (&data, g_free);
  data = nawat_codec_to_data (call, NULL);
  g_assert_null (strstr (data, "evaluator_profiles"));

  assert_bad_calls (bad_calls, G_N_ELEMENTS (bad_calls), "evaluator_profiles", "domains");
}

static void
test_model (void)
{
  g_autoptr(NawatEvaluation) a = make_evaluation ("somchai", NAWAT_EVALUATION_DRAFT);
  g_autoptr(NawatEvaluation) b = nawat_evaluation_copy (a);
  g_autoptr(NawatEvaluation) c = NULL;
  g_autoptr(NawatCall) call = make_call (NULL);
  guint notified = 0;

  g_assert_true (nawat_evaluation_equal_content (a, b));
  nawat_evaluation_set_reopened (b, "boss", "2026-07-01T08:30:00Z");
  g_assert_false (nawat_evaluation_equal_content (a, b));

  c = nawat_evaluation_copy (b);
  g_assert_cmpstr (nawat_evaluation_get_reopened_by (c), ==, "boss");
  g_assert_cmpstr (nawat_evaluation_get_reopened_at (c), ==, "2026-07-01T08:30:00Z");
  g_assert_true (nawat_evaluation_equal_content (b, c));

  /* Setting it to its own strings must not free them first. */
  nawat_evaluation_set_reopened (c, nawat_evaluation_get_reopened_by (c),
                                 nawat_evaluation_get_reopened_at (c));
  g_assert_cmpstr (nawat_evaluation_get_reopened_by (c), ==, "boss");
  nawat_evaluation_set_reopened (c, NULL, NULL);
  g_assert_null (nawat_evaluation_get_reopened_by (c));
  g_assert_true (nawat_evaluation_equal_content (a, c));

  g_signal_connect_swapped (call, "notify::extensions", G_CALLBACK (g_atomic_int_inc), &notified);
  nawat_call_set_extension (call, "somchai", "2026-07-01T00:00:00Z");
  nawat_call_set_extension (call, "somchai", "2026-07-01T00:00:00Z");
  g_assert_cmpuint (notified, ==, 1);
  nawat_call_set_extension (call, "somchai", NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_null (nawat_call_get_extension (call, "somchai"));
}

/* A 409 merge keeps a reopening made on either side. */
static void
test_merge (void)
{
  g_autoptr(NawatEvaluation) base = make_evaluation ("somchai", NAWAT_EVALUATION_SUBMITTED);
  g_autoptr(NawatEvaluation) mine = nawat_evaluation_copy (base);
  g_autoptr(NawatEvaluation) theirs = nawat_evaluation_copy (base);
  g_autoptr(NawatEvaluation) merged = NULL;
  g_autoptr(NawatEvaluation) merged_back = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_merge_conflict_free);
  g_autofree char *json = NULL;

  /* Theirs: a coordinator reopened it; mine: an unrelated comment. */
  nawat_evaluation_set_status (theirs, NAWAT_EVALUATION_DRAFT);
  nawat_evaluation_set_reopened (theirs, "boss", "2026-07-01T08:30:00Z");
  nawat_evaluation_set_comment (mine, "merit.impact", "note");
  merged = nawat_merge_evaluations (base, mine, theirs, conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpstr (nawat_evaluation_get_reopened_by (merged), ==, "boss");

  /* Mine reopened it, theirs did not: the reopening is not lost. */
  merged_back = nawat_merge_evaluations (base, theirs, mine, conflicts);
  g_assert_cmpstr (nawat_evaluation_get_reopened_by (merged_back), ==, "boss");
  g_assert_cmpint (nawat_evaluation_get_status (merged_back), ==, NAWAT_EVALUATION_DRAFT);

  json = nawat_merge_dup_field_json (merged, "reopened");
  g_assert_cmpstr (json, ==, "{\"by\":\"boss\",\"at\":\"2026-07-01T08:30:00Z\"}");
  g_assert_true (nawat_merge_set_field_json (merged, "reopened", "null", NULL));
  g_assert_null (nawat_evaluation_get_reopened_by (merged));
  g_assert_false (nawat_merge_set_field_json (merged, "reopened", "{\"by\":\"x\"}", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nawat/round/deadline", test_deadline);
  g_test_add_func ("/nawat/round/assigned", test_assigned);
  g_test_add_func ("/nawat/round/change-new", test_change_new);
  g_test_add_func ("/nawat/round/change-extension", test_change_extension);
  g_test_add_func ("/nawat/round/change-conflict", test_change_conflict);
  g_test_add_func ("/nawat/round/change-submitted", test_change_submitted);
  g_test_add_func ("/nawat/round/editable", test_editable);
  g_test_add_func ("/nawat/round/reopen", test_reopen);
  g_test_add_func ("/nawat/round/reopen-is-a-valid-change", test_reopen_is_a_valid_change);
  g_test_add_func ("/nawat/round/received", test_received);
  g_test_add_func ("/nawat/round/codec", test_codec);
  g_test_add_func ("/nawat/round/profiles-codec", test_profiles_codec);
  g_test_add_func ("/nawat/round/model", test_model);
  g_test_add_func ("/nawat/round/merge", test_merge);

  return g_test_run ();
}
