/*
 * labels: docker labels on an app's containers, added at every deploy through the
 * docker-args-deploy trigger. State: one property per app, `labels`, holding a JSON object
 * {"name": "value", ...} with names sorted.
 *
 *   labels:add <app> <name> <value>    labels:remove <app> <name>    labels:report <app>
 */
#include "dokku.h"

#define MAX_LABELS 64
#define MAX_NAME 128
#define MAX_VALUE 4096

typedef struct {
  dk_str name;
  dk_str value;
} label;

static label labels[MAX_LABELS];
static dk_u32 label_count;

/* The trigger's label name pattern ^[a-z0-9][a-z0-9._-]{0,127}$, and not com.dokku.* */
static int valid_name(dk_str name) {
  if (name.len == 0 || name.len > MAX_NAME) return 0;
  for (dk_u32 i = 0; i < name.len; i++) {
    char c = name.ptr[i];
    int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '.' || c == '_' || c == '-'));
    if (!ok) return 0;
  }
  return 1;
}

static int reserved_name(dk_str name) { return dk_starts_with(name, dk_s("com.dokku.")); }

/* Reads the app's labels from the store into `labels`; 0 when the stored value is unreadable. */
static int load_labels(void) {
  label_count = 0;
  dk_str stored;
  if (!dk_store_get(dk_s("labels"), 0, &stored)) return 1;
  dk_jv object = dk_json_parse(stored);
  if (dk_json_type(object) != 'o') return 0;
  dk_u32 cursor = 0;
  dk_jv key, value;
  while (label_count < MAX_LABELS && dk_json_next(object, &cursor, &key, &value)) {
    label *item = &labels[label_count];
    if (!dk_json_str(key, &item->name) || !dk_json_str(value, &item->value)) return 0;
    label_count++;
  }
  return 1;
}

static void save_labels(void) {
  if (label_count == 0) {
    dk_store_set(dk_s("labels"), 0, 0);
    return;
  }
  dk_json w = {0};
  dk_json_object(&w);
  for (dk_u32 i = 0; i < label_count; i++) {
    dk_json_key(&w, labels[i].name);
    dk_json_string(&w, labels[i].value);
  }
  dk_json_object_end(&w);
  dk_str text = dk_json_text(&w);
  dk_store_set(dk_s("labels"), &text, 0);
}

/* Index of `name` in the sorted list, or where it would go (*found = 0). */
static dk_u32 find_label(dk_str name, int *found) {
  dk_u32 i = 0;
  while (i < label_count && dk_compare(labels[i].name, name) < 0) i++;
  *found = i < label_count && dk_eq(labels[i].name, name);
  return i;
}

/* The command's `app` and `args` (args[0] is the app). */
typedef struct {
  dk_str app;
  dk_str args[8];
  dk_u32 argc;
  int too_many;
} command_input;

static int read_command(command_input *in) {
  dk_jv root = dk_json_parse(dk_input());
  in->argc = 0;
  in->too_many = 0;
  if (!dk_json_str(dk_json_get(root, dk_s("app")), &in->app)) return 0;
  dk_jv args = dk_json_get(root, dk_s("args"));
  dk_u32 cursor = 0;
  dk_jv item;
  while (dk_json_next(args, &cursor, 0, &item)) {
    if (in->argc == 8) {
      in->too_many = 1;
      break;
    }
    if (!dk_json_str(item, &in->args[in->argc])) return 0;
    in->argc++;
  }
  return 1;
}

static dk_str concat3(dk_str a, dk_str b, dk_str c) {
  dk_buf out = {0, 0, 0};
  dk_buf_put(&out, a);
  dk_buf_put(&out, b);
  dk_buf_put(&out, c);
  return dk_buf_str(&out);
}

static int refuse_name(dk_str name) {
  if (reserved_name(name)) return dk_fail(concat3(dk_s("Invalid label name "), name, dk_s(": names starting with com.dokku. are reserved")));
  return dk_fail(concat3(dk_s("Invalid label name "), name,
                         dk_s(": use at most 128 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit")));
}

DK_EXPORT(cmd_labels_add) {
  dk_begin();
  command_input in;
  if (!read_command(&in)) return dk_fail(dk_s("labels:add: unreadable input"));
  if (in.argc < 2) return dk_fail(dk_s("Please specify a label name"));
  if (in.argc < 3) return dk_fail(dk_s("Please specify a label value"));
  if (in.argc > 3 || in.too_many) return dk_fail(dk_s("Too many arguments: quote a value that has spaces"));
  dk_str name = in.args[1], value = in.args[2];
  if (!valid_name(name) || reserved_name(name)) return refuse_name(name);
  if (value.len > MAX_VALUE) return dk_fail(dk_s("Label value too long: at most 4096 bytes"));
  if (!load_labels()) return dk_fail(dk_s("The stored labels are unreadable; remove them with labels:remove"));
  int found;
  dk_u32 at = find_label(name, &found);
  if (!found) {
    if (label_count == MAX_LABELS) return dk_fail(dk_s("Too many labels: an app can have at most 64"));
    for (dk_u32 i = label_count; i > at; i--) labels[i] = labels[i - 1];
    label_count++;
    labels[at].name = name;
  }
  labels[at].value = value;
  save_labels();
  dk_step(concat3(dk_s("Setting label "), name, concat3(dk_s(" for "), in.app, dk_s(""))));
  dk_detail(dk_s("Applies from the next deploy (ps:rebuild)"));
  return 0;
}

DK_EXPORT(cmd_labels_remove) {
  dk_begin();
  command_input in;
  if (!read_command(&in)) return dk_fail(dk_s("labels:remove: unreadable input"));
  if (in.argc < 2) return dk_fail(dk_s("Please specify a label name"));
  if (in.argc > 2 || in.too_many) return dk_fail(dk_s("Too many arguments"));
  dk_str name = in.args[1];
  if (!load_labels()) {
    dk_store_set(dk_s("labels"), 0, 0);
    dk_step(concat3(dk_s("Removing unreadable labels for "), in.app, dk_s("")));
    return 0;
  }
  int found;
  dk_u32 at = find_label(name, &found);
  if (!found) return dk_fail(concat3(dk_s("Label "), name, concat3(dk_s(" is not set for "), in.app, dk_s(""))));
  for (dk_u32 i = at; i + 1 < label_count; i++) labels[i] = labels[i + 1];
  label_count--;
  save_labels();
  dk_step(concat3(dk_s("Removing label "), name, concat3(dk_s(" for "), in.app, dk_s(""))));
  dk_detail(dk_s("Applies from the next deploy (ps:rebuild)"));
  return 0;
}

/* `name=value` pairs joined by spaces. */
static dk_str label_list(void) {
  dk_buf out = {0, 0, 0};
  for (dk_u32 i = 0; i < label_count; i++) {
    if (i > 0) dk_buf_putc(&out, ' ');
    dk_buf_put(&out, labels[i].name);
    dk_buf_putc(&out, '=');
    dk_buf_put(&out, labels[i].value);
  }
  return dk_buf_str(&out);
}

static dk_str count_text(void) {
  dk_buf out = {0, 0, 0};
  dk_buf_put_u64(&out, label_count);
  return dk_buf_str(&out);
}

/* `Key:` padded to 31 columns, as the core's reports (src/core/report.ts). */
static void report_line(dk_str key, dk_str value) {
  dk_buf line = {0, 0, 0};
  dk_buf_put(&line, dk_s("       "));
  dk_buf_put(&line, key);
  for (dk_u32 i = key.len; i < 31; i++) dk_buf_putc(&line, ' ');
  dk_buf_put(&line, value);
  dk_print(dk_buf_str(&line));
}

DK_EXPORT(cmd_labels_report) {
  dk_begin();
  command_input in;
  if (!read_command(&in)) return dk_fail(dk_s("labels:report: unreadable input"));
  int json = 0;
  dk_str flag = {"", 0};
  for (dk_u32 i = 1; i < in.argc; i++) {
    dk_str word = in.args[i];
    dk_str format = {"", 0};
    int has_format = 0;
    if (dk_eq(word, dk_s("--format"))) {
      if (i + 1 >= in.argc) return dk_fail(dk_s("Invalid --format value specified: . Valid values: stdout, json"));
      format = in.args[++i];
      has_format = 1;
    } else if (dk_starts_with(word, dk_s("--format="))) {
      format = (dk_str){word.ptr + 9, word.len - 9};
      has_format = 1;
    }
    if (has_format) {
      if (dk_eq(format, dk_s("json"))) json = 1;
      else if (!dk_eq(format, dk_s("stdout"))) return dk_fail(concat3(dk_s("Invalid --format value specified: "), format, dk_s(". Valid values: stdout, json")));
    } else if (dk_eq(word, dk_s("--labels-count")) || dk_eq(word, dk_s("--labels-list"))) {
      flag = word;
    } else {
      return dk_fail(dk_s("Invalid flag passed, valid flags: --labels-count, --labels-list"));
    }
  }
  if (in.too_many) return dk_fail(dk_s("Too many arguments"));
  if (flag.len > 0 && json) return dk_fail(dk_s("--format flag cannot be specified when specifying an info flag"));
  if (!load_labels()) return dk_fail(dk_s("The stored labels are unreadable; remove them with labels:remove"));
  if (flag.len > 0) {
    dk_print(dk_eq(flag, dk_s("--labels-count")) ? count_text() : label_list());
    return 0;
  }
  if (json) {
    dk_json w = {0};
    dk_json_object(&w);
    dk_json_key(&w, dk_s("count"));
    dk_json_string(&w, count_text());
    dk_json_key(&w, dk_s("list"));
    dk_json_string(&w, label_list());
    dk_json_object_end(&w);
    dk_print(dk_json_text(&w));
    return 0;
  }
  dk_heading(concat3(in.app, dk_s(" labels information"), dk_s("")));
  report_line(dk_s("Labels count:"), count_text());
  report_line(dk_s("Labels list:"), label_list());
  return 0;
}

DK_EXPORT(on_docker_args_deploy) {
  dk_begin();
  if (!load_labels()) return dk_fail(dk_s("the stored labels are unreadable; remove them with labels:remove"));
  dk_json w = {0};
  dk_json_array(&w);
  for (dk_u32 i = 0; i < label_count; i++) {
    /* the host refuses these too; never offer one */
    if (!valid_name(labels[i].name) || reserved_name(labels[i].name) || labels[i].value.len > MAX_VALUE) continue;
    dk_json_object(&w);
    dk_json_key(&w, dk_s("type"));
    dk_json_string(&w, dk_s("label"));
    dk_json_key(&w, dk_s("name"));
    dk_json_string(&w, labels[i].name);
    dk_json_key(&w, dk_s("value"));
    dk_json_string(&w, labels[i].value);
    dk_json_object_end(&w);
  }
  dk_json_array_end(&w);
  dk_output(dk_json_text(&w));
  return 0;
}
