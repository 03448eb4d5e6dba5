package io.fsconnect.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The highest heap occupancy right after a garbage collection since the last {@link #reset()}: what the
 * JVM really retained, as opposed to the used heap between collections, which only tells how big the
 * young generation is. With a fixed heap this is the number to compare with a memory budget.
 */
final class HeapAfterGc implements NotificationListener {

    private final AtomicLong peakBytes = new AtomicLong();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());

    private HeapAfterGc() {
    }

    /** Starts listening to every collector of this JVM. */
    static HeapAfterGc install() {
        HeapAfterGc listener = new HeapAfterGc();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
        return listener;
    }

    void reset() {
        peakBytes.set(0L);
    }

    /**
     * The peak in MiB; when no collection happened since the reset, the heap in use now (an upper
     * bound of what was retained).
     */
    long peakMb() {
        long peak = peakBytes.get();
        if (peak == 0L) {
            peak = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        return peak / (1024 * 1024);
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = 0L;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        peakBytes.accumulateAndGet(used, Math::max);
    }
}
