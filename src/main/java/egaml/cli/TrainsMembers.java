package egaml.cli;

/** A command whose options include the members' ({@link EgamlCli#commandLine()} adds them before parsing). */
interface TrainsMembers {
    MemberCli memberCli();
}
