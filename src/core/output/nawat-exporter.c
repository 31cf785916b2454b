/* nawat-exporter.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-exporter.h"
#include "nawat-export.h"
#include "nawat-file-output.h"

#include <glib/gi18n-lib.h>

static const struct
{
  const char *name;
  const char *mime_type;
  const char *label;
} formats[] = {
  [NAWAT_EXPORT_FORMAT_PDF] = { "pdf", "application/pdf", N_("PDF documents") },
  [NAWAT_EXPORT_FORMAT_CSV] = { "csv", "text/csv", N_("CSV spreadsheets") },
  [NAWAT_EXPORT_FORMAT_JSON] = { "json", "application/json", N_("JSON documents") },
  [NAWAT_EXPORT_FORMAT_XLSX] = { "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                 N_("Excel workbooks") },
};

const char *
nawat_export_format_to_string (NawatExportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), NULL);

  return formats[format].name;
}

gboolean
nawat_export_format_from_string (const char        *name,
                                 NawatExportFormat *format)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (name, formats[i].name))
      {
        if (format != NULL)
          *format = i;
        return TRUE;
      }
  return FALSE;
}

const char *
nawat_export_format_get_mime_type (NawatExportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), NULL);

  return formats[format].mime_type;
}

const char *
nawat_export_format_get_label (NawatExportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), NULL);

  return _(formats[format].label);
}

const char *
nawat_export_default_language (const char *language)
{
  const char * const *names;

  if (language != NULL)
    return g_str_equal (language, "th") ? "th" : "en";
  names = g_get_language_names ();
  return names[0] != NULL && g_str_has_prefix (names[0], "th") ? "th" : "en";
}

gboolean
nawat_export_check (NawatReportKind     kind,
                    NawatExportFormat   format,
                    const char         *project_id,
                    const char         *evaluator,
                    GError            **error)
{
  if (kind == NAWAT_REPORT_PROJECT && project_id == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Choose a project to export its report"));
      return FALSE;
    }
  if (format != NAWAT_EXPORT_FORMAT_PDF && (kind != NAWAT_REPORT_PORTFOLIO || evaluator != NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("CSV, JSON and XLSX exports are of the whole call, in the coordinator’s view"));
      return FALSE;
    }
  return TRUE;
}

gboolean
nawat_export_write (NawatStore         *store,
                    const char         *call_id,
                    NawatReportKind     kind,
                    NawatExportFormat   format,
                    const char         *project_id,
                    const char         *language,
                    const char         *evaluator,
                    NawatStatsFlags     stats_flags,
                    GOutputStream      *output,
                    GCancellable       *cancellable,
                    GError            **error)
{
  g_autoptr(NawatReport) report = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (store), FALSE);
  g_return_val_if_fail (call_id != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  if (!nawat_export_check (kind, format, project_id, evaluator, error))
    return FALSE;

  switch (format)
    {
    case NAWAT_EXPORT_FORMAT_CSV:
      return nawat_export_portfolio_csv (store, call_id, output, cancellable, error);
    case NAWAT_EXPORT_FORMAT_JSON:
      return nawat_export_portfolio_json_full (store, call_id, stats_flags, output, cancellable,
                                               error);
    case NAWAT_EXPORT_FORMAT_XLSX:
      return nawat_export_portfolio_xlsx (store, call_id, output, cancellable, error);
    case NAWAT_EXPORT_FORMAT_PDF:
    default:
      report = nawat_report_new (store, call_id, kind, project_id,
                                 nawat_export_default_language (language), evaluator);
      nawat_report_set_stats_flags (report, stats_flags);
      return nawat_report_write_pdf_stream (report, output, cancellable, error);
    }
}

NawatExportRequest *
nawat_export_request_new (NawatStore        *store,
                          const char        *call_id,
                          NawatReportKind    kind,
                          NawatExportFormat  format,
                          const char        *project_id,
                          const char        *language,
                          const char        *evaluator)
{
  NawatExportRequest *request;

  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);

  request = g_new0 (NawatExportRequest, 1);
  request->store = g_object_ref (store);
  request->call_id = g_strdup (call_id);
  request->kind = kind;
  request->format = format;
  request->project_id = g_strdup (project_id);
  request->language = g_strdup (nawat_export_default_language (language));
  request->evaluator = g_strdup (evaluator);
  return request;
}

void
nawat_export_request_free (NawatExportRequest *request)
{
  if (request == NULL)
    return;
  g_clear_object (&request->store);
  g_free (request->call_id);
  g_free (request->project_id);
  g_free (request->language);
  g_free (request->evaluator);
  g_free (request);
}

/* Running an export in a thread */

typedef struct
{
  NawatExportRequest *request;
  GFile              *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  nawat_export_request_free (job->request);
  g_clear_object (&job->file);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  NawatExportRequest *r = job->request;
  g_autoptr(NawatFileOutput) output = NULL;
  g_autoptr(GError) error = NULL;

  output = nawat_file_output_new (job->file, cancellable, &error);
  if (output == NULL
      || !nawat_export_write (r->store, r->call_id, r->kind, r->format, r->project_id,
                              r->language, r->evaluator, r->stats_flags,
                              nawat_file_output_get_stream (output), cancellable, &error)
      || !nawat_file_output_commit (output, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
nawat_export_run_async (NawatExportRequest  *request,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(NawatExportRequest) taken = request;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ExportJob *job;

  g_return_if_fail (request != NULL);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, nawat_export_run_async);

  if (!nawat_export_check (request->kind, request->format, request->project_id,
                           request->evaluator, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job = g_new0 (ExportJob, 1);
  job->request = g_steal_pointer (&taken);
  job->file = g_object_ref (file);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
nawat_export_run_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nawat_export_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
