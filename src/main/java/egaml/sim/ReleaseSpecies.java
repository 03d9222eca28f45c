package egaml.sim;

import java.util.List;

/**
 * A mineral species: its probability within its family and its gas releases.
 *
 * @param probability probability of this species when its family is present
 */
public record ReleaseSpecies(String name, double probability, List<Peak> peaks) {

    /**
     * One gas release at the reference ramp of 36 C/min and ambient pressure.
     *
     * @param tp       peak temperature (C)
     * @param fwhm     full width at half maximum (C)
     * @param height   main-ion peak current per helium current
     * @param energyKj activation energy (kJ/mol) for the ramp-rate (Kissinger) shift
     */
    public record Peak(Gas gas, double tp, double fwhm, double height, double energyKj) {
    }

    public static Peak peak(Gas gas, double tp, double fwhm, double height, double energyKj) {
        return new Peak(gas, tp, fwhm, height, energyKj);
    }

    public static ReleaseSpecies of(String name, double probability, Peak... peaks) {
        return new ReleaseSpecies(name, probability, List.of(peaks));
    }
}
