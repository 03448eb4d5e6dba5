package io.fsconnect.source.objectstore;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Which objects each task reads, as the connector publishes it in task configurations. An object
 * belongs to task {@code floorMod(key.hashCode(), tasks)} ({@link String#hashCode()} is specified, so
 * the slot of a key never changes while the task count stays the same, and no task ever lists the
 * store). Only objects not yet read to their end are assigned, oldest first, and at most
 * {@link #MAX_CHARS_PER_TASK} characters of them per task: task configurations live in the config
 * topic, whose records must stay well under the broker's message size limit, so a bucket of millions
 * of new objects is handed out in rounds, the next round being published as soon as the tasks have
 * finished enough of the current one.
 *
 * @param perTask the objects of each task, in the order the task reads them
 */
record TaskAssignment(List<List<SourceObject>> perTask) {

    /** Name of the task-configuration key that carries the task's objects. */
    static final String TASK_OBJECTS = "task.objects";
    /** Name of the task-configuration key that carries "index/count" of the task, for messages. */
    static final String TASK_SLOT = "task.slot";
    /** Encoded size budget of one task's objects, far below the 1 MB default message size. */
    static final int MAX_CHARS_PER_TASK = 200_000;

    TaskAssignment {
        perTask = perTask.stream().map(List::copyOf).toList();
    }

    /** The assignment of {@code pending} objects to {@code tasks} tasks. */
    static TaskAssignment of(Collection<SourceObject> pending, int tasks) {
        List<SourceObject> ordered = new ArrayList<>(pending);
        ordered.sort(Comparator.comparingLong(SourceObject::lastModifiedMillis).thenComparing(SourceObject::key));
        List<List<SourceObject>> perTask = new ArrayList<>();
        int[] chars = new int[tasks];
        for (int i = 0; i < tasks; i++) {
            perTask.add(new ArrayList<>());
        }
        for (SourceObject object : ordered) {
            int slot = slotOf(object.key(), tasks);
            int size = encode(object).length() + 1;
            if (chars[slot] + size <= MAX_CHARS_PER_TASK || perTask.get(slot).isEmpty()) {
                perTask.get(slot).add(object);
                chars[slot] += size;
            }
        }
        return new TaskAssignment(perTask);
    }

    static TaskAssignment empty(int tasks) {
        return of(List.of(), tasks);
    }

    static int slotOf(String key, int tasks) {
        return Math.floorMod(key.hashCode(), tasks);
    }

    /** Every assigned object. */
    Set<SourceObject> objects() {
        Set<SourceObject> all = new HashSet<>();
        perTask.forEach(all::addAll);
        return all;
    }

    /** The keys to add to the connector configuration for task {@code task}. */
    Map<String, String> taskConfig(int task) {
        StringBuilder text = new StringBuilder();
        for (SourceObject object : perTask.get(task)) {
            text.append(text.length() == 0 ? "" : ",").append(encode(object));
        }
        return Map.of(TASK_OBJECTS, text.toString(), TASK_SLOT, task + "/" + perTask.size());
    }

    /** The objects a task configuration carries. */
    static List<SourceObject> objectsOf(Map<String, String> taskConfig) {
        String text = taskConfig.get(TASK_OBJECTS);
        if (text == null) {
            throw new ConnectException("Cannot start the task: its configuration has no '" + TASK_OBJECTS + "'; it"
                    + " was not produced by this connector's taskConfigs()");
        }
        List<SourceObject> objects = new ArrayList<>();
        if (text.isEmpty()) {
            return objects;
        }
        for (String item : text.split(",")) {
            String[] parts = item.split(":", 3);
            if (parts.length != 3) {
                throw new ConnectException("Cannot read the task's object list: '" + item + "' is not size:mtime:key");
            }
            objects.add(new SourceObject(URLDecoder.decode(parts[2], StandardCharsets.UTF_8), Long.parseLong(parts[0]),
                    Long.parseLong(parts[1])));
        }
        return objects;
    }

    private static String encode(SourceObject object) {
        return object.size() + ":" + object.lastModifiedMillis() + ":"
                + URLEncoder.encode(object.key(), StandardCharsets.UTF_8);
    }
}
