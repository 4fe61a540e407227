/* The helper's answer: one JSON object per line on standard output. */
#include "config.h"

#include <stdio.h>

#include "matou-events.h"

/* Log lines arrive from a follower thread while steps come from the main one. */
static GMutex events_lock;

void
matou_events_emit (JsonNode *object)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, object);
  text = json_generator_to_data (generator, NULL);

  g_mutex_lock (&events_lock);
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
  g_mutex_unlock (&events_lock);
}

void
matou_events_step (const char *format,
                   ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "step");
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  matou_events_emit (node);
}

void
matou_events_log (const char *source,
                  const char *line)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *valid = g_utf8_make_valid (line, -1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "log");
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, source);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, valid);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  matou_events_emit (node);
}
