package egaml.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * One run after the row filter of method.md 3.1: integer channels 0 .. limit-1 (helium and
 * sparse channels removed), readings in file order. Everything downstream starts from this.
 *
 * @param channels indexed by m/z; null where the channel is absent or was removed
 */
public record CleanRun(String sampleId, RunSummary summary, ChannelSeries[] channels) {

    public ChannelSeries channel(int mz) {
        return mz >= 0 && mz < channels.length ? channels[mz] : null;
    }

    /** Number of channel slots (the channel limit). */
    public int channelLimit() {
        return channels.length;
    }

    /** The present channels in m/z order. */
    public List<ChannelSeries> presentChannels() {
        List<ChannelSeries> out = new ArrayList<>();
        for (ChannelSeries c : channels) {
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    public CleanRun withSampleId(String id) {
        return new CleanRun(id, summary, channels);
    }
}
